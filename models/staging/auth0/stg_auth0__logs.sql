{#-
    Auth0 tenant-log records of this run's files (run_limits), one row per
    delivered record, in the shape every source shares (sources.md 2.5): the
    raw audit-log columns as text, the two timestamps parsed, the record key
    and the vendor signals classification reads. A record is a flat
    tenant-log record or a log stream's wrapper {"log_id", "data"}; its
    content is the record (the wrapper's `data`) less `ingested_at` and
    `_id`, as canonical JSON, so re-deliveries share a key whatever their key
    order or spacing. A line that is not a JSON object is a record with no
    log_id (rejected `missing_log_id`), its text its content.

    Everything one record decides by itself is decided here (what it is by
    its type, the Management API operation, the subject of an `sapi`, the
    identity provider); what needs other records is decided in
    int_vendor_records__classified.
-#}
{{ config(materialized=staging_materialization()) }}
-- The canonical JSON of the content nests deeper than sqlfluff's default parse depth.
-- sqlfluff:max_parse_depth:3000
{% if reads_demo_log('auth0') %}-- depends_on: {{ ref('raw_auth0_log') }}{% endif %}
{%- set batch = run_limits() %}

{{ auth0_staged_records(read_vendor_records('auth0', batch.vendor_files.get('auth0', []))) }}
