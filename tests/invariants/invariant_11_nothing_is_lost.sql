{{ config(**invariant_test_config(11)) }}
-- depends_on: {{ ref('audit_log_loads') }}
-- depends_on: {{ ref('stg_janrain__audit_log') }}
{% if var('raw_audit_log_path', '') == '' %}-- depends_on: {{ ref('raw_audit_log') }}{% endif %}
{%- set scope = invariant_scope() %}
{#-
    Every distinct raw record (log_id + content) is exactly one of: a canonical
    event, an excluded record with its reason, a rejected record with its
    reason. Checked record by record, which implies that the three counts add
    up to the distinct raw records for every load and every slice.

    Full check: every raw record, read again from the source, against every
    output row, both ways. Incremental runs: the records of the files this run
    loaded (the staging view) must each be placed exactly once; an exact copy
    has its original's logged_at, so outputs are looked up only in the time
    range the new records span.
-#}
{%- set check_everything = scope.full and not staging_holds_every_load() %}
{#- Incremental runs only ask whether this run's raw records were placed. #}

with

raw_records as (
    {%- if check_everything %}
    select distinct {{ audit_record_id_from_raw('raw_audit_log') }} as audit_record_id
    from {{ raw_audit_log_from() }} as raw_audit_log
    {%- else %}
    select distinct audit_record_id
    from {{ ref('stg_janrain__audit_log') }}
    {%- endif %}
),

{%- if not scope.full %}

raw_bounds as (
    select
        min(logged_at_utc) as min_logged_at,
        max(logged_at_utc) as max_logged_at
    from {{ ref('stg_janrain__audit_log') }}
),

{%- endif %}

outcomes as (
    select
        fct_events.event_id as audit_record_id,
        'canonical' as outcome,
        fct_events.event_type as reason
    from {{ ref('fct_events') }} as fct_events
    {%- if not scope.full %}
    cross join raw_bounds
    where fct_events.occurred_at between raw_bounds.min_logged_at and raw_bounds.max_logged_at
    {%- endif %}

    union all

    select
        audit_log_excluded.audit_record_id,
        'excluded' as outcome,
        audit_log_excluded.exclusion_reason as reason
    from {{ ref('audit_log_excluded') }} as audit_log_excluded
    {%- if not scope.full %}
    cross join raw_bounds
    where
        audit_log_excluded.logged_at between raw_bounds.min_logged_at
        and raw_bounds.max_logged_at
    {%- endif %}

    union all

    select
        audit_record_id,
        'rejected' as outcome,
        reject_reason as reason
    from {{ ref('audit_log_rejects') }}
),

outcome_counts as (
    select
        audit_record_id,
        count(*) as outcome_count,
        sum(case when reason is null then 1 else 0 end) as missing_reason_count
    from outcomes
    group by audit_record_id
),

violations as (
    select
        coalesce(raw_records.audit_record_id, outcome_counts.audit_record_id) as audit_record_id,
        case
            when outcome_counts.audit_record_id is null
                then 'raw record is in none of fct_events, audit_log_excluded, audit_log_rejects'
            when raw_records.audit_record_id is null
                then 'output row that matches no raw record'
            when outcome_counts.outcome_count > 1
                then 'raw record placed more than once'
            else 'raw record placed without its type or reason'
        end as violation
    from raw_records
    {{ 'full outer join' if scope.full else 'left join' }} outcome_counts
        on raw_records.audit_record_id = outcome_counts.audit_record_id
    where
        outcome_counts.audit_record_id is null
        or raw_records.audit_record_id is null
        or outcome_counts.outcome_count <> 1
        or outcome_counts.missing_reason_count > 0
)

select * from violations
