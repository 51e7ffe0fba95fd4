{{ config(**invariant_test_config(11)) }}
-- depends_on: {{ ref('stg_janrain__audit_log') }}
-- depends_on: {{ ref('audit_log_excluded') }}
-- depends_on: {{ ref('audit_log_rejects') }}
{% if var('raw_audit_log_path', '') == '' %}-- depends_on: {{ ref('raw_audit_log') }}{% endif %}
{%- set scope = invariant_scope() %}
{%- set limits = run_limits() %}
{%- set check_all = var('invariant_scope', 'auto') == 'all' %}
{#-
    Every distinct raw record (log_id and content) is exactly one of: a
    canonical event, an excluded record with its reason, a rejected record
    with its reason. Checked record by record, which implies that the three
    counts add up to the distinct raw records for every load and every slice.

    The raw side is the raw files themselves, read and keyed again (the
    staging view over this run's files), never validation's output. On a
    first build every output row must also match a raw record. On later runs
    the records of this run's files must each be placed exactly once; an
    exact copy has its original's logged_at, so outputs are looked up only in
    the time span the new records have. With `invariant_scope: all` every
    raw file is read again and everything is checked both ways.
-#}
{%- set both_ways = limits.first_load or check_all %}

with

raw_records as (
    {%- if check_all %}
    {%- set every_file = new_raw_files(skip_loaded=false) %}
    {%- set cleaned = [] %}
    {%- for column in audit_log_content_columns() %}
        {%- do cleaned.append(clean_text('raw_files.' ~ column)) %}
    {%- endfor %}
    select distinct
        {{ clean_text('raw_files.log_id') }} as log_id,
        {{ record_key(cleaned) }} as record_key
    from {{ read_raw_files(every_file.files, every_file.columns) }} as raw_files
    {%- else %}
    select distinct
        log_id,
        record_key
    from {{ ref('stg_janrain__audit_log') }}
    {%- endif %}
),

outcomes as (
    select
        event_key as record_key,
        source_log_id as log_id,
        'canonical' as outcome,
        event_type as reason
    from {{ ref('fct_events') }}
    {%- if not both_ways %}
    where
        {%- if limits.min_logged_at is none %}
        1 = 0
        {%- else %}
        occurred_at >= {{ limits.min_logged_at }} and occurred_at <= {{ limits.max_logged_at }}
        {%- endif %}
    {%- endif %}

    union all

    select
        audit_record_key as record_key,
        log_id,
        'excluded' as outcome,
        exclusion_reason as reason
    from {{ ref('audit_log_excluded') }}
    {%- if not both_ways %}
    where
        {%- if limits.min_logged_at is none %}
        1 = 0
        {%- else %}
        logged_at >= {{ limits.min_logged_at }} and logged_at <= {{ limits.max_logged_at }}
        {%- endif %}
    {%- endif %}

    union all

    select
        audit_record_key as record_key,
        log_id,
        'rejected' as outcome,
        reject_reason as reason
    from {{ ref('audit_log_rejects') }}
),

outcome_counts as (
    select
        record_key,
        log_id,
        count(*) as outcome_count,
        sum(case when reason is null then 1 else 0 end) as missing_reason_count
    from outcomes
    group by record_key, log_id
),

violations as (
    select
        coalesce(raw_records.log_id, outcome_counts.log_id) as log_id,
        coalesce(raw_records.record_key, outcome_counts.record_key) as record_key,
        case
            when outcome_counts.record_key is null
                then 'raw record is in none of fct_events, audit_log_excluded, audit_log_rejects'
            when raw_records.record_key is null
                then 'output row that matches no raw record'
            when outcome_counts.outcome_count > 1
                then 'raw record placed more than once'
            else 'raw record placed without its type or reason'
        end as violation
    from raw_records
    {{ 'full outer join' if both_ways else 'left join' }} outcome_counts
        on
            raw_records.record_key = outcome_counts.record_key
            and {{ null_safe_equals('raw_records.log_id', 'outcome_counts.log_id') }}
    where
        outcome_counts.record_key is null
        or raw_records.record_key is null
        or outcome_counts.outcome_count <> 1
        or outcome_counts.missing_reason_count > 0
)

select * from violations
