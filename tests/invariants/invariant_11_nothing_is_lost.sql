{{ config(**invariant_test_config(11)) }}

{#-
    Every distinct raw record (log_id + content) is exactly one of: a canonical
    event, an excluded record with its reason, a rejected record with its
    reason. Checked record by record, which implies that the three counts add
    up to the distinct raw records for every load and every slice.
-#}

with

raw_records as (
    select distinct audit_record_id
    from {{ ref('stg_janrain__audit_log') }}
),

outcomes as (
    select
        event_id as audit_record_id,
        'canonical' as outcome,
        event_type as reason
    from {{ ref('fct_events') }}

    union all

    select
        audit_record_id,
        'excluded' as outcome,
        exclusion_reason as reason
    from {{ ref('audit_log_excluded') }}

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
    full outer join outcome_counts
        on raw_records.audit_record_id = outcome_counts.audit_record_id
    where
        outcome_counts.audit_record_id is null
        or raw_records.audit_record_id is null
        or outcome_counts.outcome_count <> 1
        or outcome_counts.missing_reason_count > 0
)

select * from violations
