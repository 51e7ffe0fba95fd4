{#-
    Keycloak user events and admin events of this run's files (run_limits),
    one row per delivered record, in the shape every source shares
    (sources.md 2.5). A record is an admin event when `operationType` is
    present and not null. Its content is the record less `ingested_at` and
    `_id`, as canonical JSON; a record without an `id` is named by the md5 of
    its content. A line that is not a JSON object is a record with no id
    (rejected `missing_log_id`), its text its content.

    Everything one record decides by itself is decided here (what it is by
    its type or admin operation, its subject, its identity provider); what
    needs other records (registration sign-ins, sessions, a user's enabled
    state) is decided in int_vendor_records__classified.
-#}
{{ config(materialized=staging_materialization()) }}
-- The canonical JSON of the content nests deeper than sqlfluff's default parse depth.
-- sqlfluff:max_parse_depth:3000
{% if reads_demo_log('keycloak') %}-- depends_on: {{ ref('raw_keycloak_log') }}{% endif %}
{%- set batch = run_limits() %}

{{ keycloak_staged_records(read_vendor_records('keycloak', batch.vendor_files.get('keycloak', []))) }}
