{{ config(**invariant_test_config(11)) }}
-- depends_on: {{ ref('stg_janrain__audit_log') }}
-- depends_on: {{ ref('stg_auth0__logs') }}
-- depends_on: {{ ref('stg_keycloak__events') }}
{% for source in vendor_sources() if reads_demo_log(source) -%}
-- depends_on: {{ ref('raw_' ~ source ~ '_log') }}
{% endfor %}
-- depends_on: {{ ref('audit_log_excluded') }}
-- depends_on: {{ ref('audit_log_rejects') }}
{% if reads_demo_log('janrain') %}-- depends_on: {{ ref('raw_audit_log') }}{% endif %}
{%- set scope = invariant_scope() %}
{%- set limits = run_limits() %}
{%- set check_all = var('invariant_scope', 'auto') == 'all' %}
{#-
    Every distinct raw record (log_id and content) is exactly one of: a
    canonical event, an excluded record with its reason, a rejected record
    with its reason; for Auth0 and Keycloak, the primary event (the profile
    writes it derives are not records of the log). Checked record by record, which implies that the three
    counts add up to the distinct raw records for every load and every slice.

    The raw side is the raw files themselves, read and keyed again (the
    staging view over this run's files), never validation's output. On a
    first build every output row must also match a raw record. On later runs
    the records of this run's files must each be placed exactly once; an
    exact copy has its original's logged_at, so outputs are looked up only in
    the time span the new records have (and rejects without a readable
    logged_at), and not at all on a run without new files. With `invariant_scope: all` every
    raw file is read again and everything is checked both ways.
-#}
{%- set both_ways = limits.first_load or check_all %}
{#- Outputs are looked up in the logged_at span of this run's records. #}
{%- set span = 'true' if both_ways else 'false' if limits.min_logged_at is none
    else 'between ' ~ limits.min_logged_at ~ ' and ' ~ limits.max_logged_at %}

with

raw_records as (
    {%- if check_all %}
    {%- set every_file = new_raw_files(skip_loaded=false) %}
    {%- set cleaned = [] %}
    {%- for column in audit_log_content_columns() %}
        {%- do cleaned.append(clean_text('raw_files.' ~ column)) %}
    {%- endfor %}
    select
        {{ record_key(cleaned) }} as record_key,
        {{ record_key([clean_text('raw_files.log_id')]) }} as log_key
    from {{ read_raw_files(every_file.files, every_file.columns, every_file.uniform) }} as raw_files
    {%- for source in vendor_sources() %}

    union all

    select
        record_key,
        {{ record_key(['log_id']) }} as log_key
    from ({{ vendor_staged_records(source, read_vendor_records(source, new_vendor_files(source, skip_loaded=false))) }})
        as {{ source }}_records
    {%- endfor %}
    {%- else %}
    select
        record_key,
        {{ record_key(['log_id']) }} as log_key
    from {{ ref('stg_janrain__audit_log') }}
    {%- for source, staging in [('auth0', 'stg_auth0__logs'), ('keycloak', 'stg_keycloak__events')]
        if source in vendor_sources() %}

    union all

    select
        record_key,
        {{ record_key(['log_id']) }} as log_key
    from {{ ref(staging) }}
    {%- endfor %}
    {%- endif %}
),

outcomes as (
    select
        event_key as record_key,
        {{ record_key(['source_log_id']) }} as log_key,
        event_type as reason
    from {{ ref('fct_events') }}
    where
        not is_derived
        and {{ span if span in ('true', 'false') else 'occurred_at ' ~ span }}

    union all

    select
        audit_record_key as record_key,
        {{ record_key(['log_id']) }} as log_key,
        exclusion_reason as reason
    from {{ ref('audit_log_excluded') }}
    where {{ span if span in ('true', 'false') else 'logged_at ' ~ span }}

    union all

    select
        audit_record_key as record_key,
        {{ record_key(['log_id']) }} as log_key,
        reject_reason as reason
    from {{ ref('audit_log_rejects') }}
    where {{ span if span in ('true', 'false') else 'logged_at_utc ' ~ span }}
    {%- if not both_ways and limits.has_new %}

    union all

    -- A reject whose logged_at could not be read can be a copy of a new record
    -- whatever the span.
    select
        audit_record_key as record_key,
        {{ record_key(['log_id']) }} as log_key,
        reject_reason as reason
    from {{ ref('audit_log_rejects') }}
    where logged_at_utc is null
    {%- endif %}
),

-- Raw deliveries and output rows side by side, one group per record: a
-- single aggregate instead of a distinct and a join.
sides as (
    select
        record_key,
        log_key,
        1 as deliveries,
        0 as placements,
        0 as placements_without_reason
    from raw_records

    union all

    select
        record_key,
        log_key,
        0 as deliveries,
        1 as placements,
        case when reason is null then 1 else 0 end as placements_without_reason
    from outcomes
),

records as (
    select
        record_key,
        log_key,
        sum(deliveries) as deliveries,
        sum(placements) as placements,
        sum(placements_without_reason) as placements_without_reason
    from sides
    group by record_key, log_key
),

violations as (
    select
        record_key,
        case
            when placements = 0
                then 'raw record is in none of fct_events, audit_log_excluded, audit_log_rejects'
            when deliveries = 0
                then 'output row that matches no raw record'
            when placements > 1
                then 'raw record placed more than once'
            else 'raw record placed without its type or reason'
        end as violation
    from records
    where
        placements <> 1
        or placements_without_reason > 0
        or ({{ 'true' if both_ways else 'false' }} and deliveries = 0)
)

select * from violations
