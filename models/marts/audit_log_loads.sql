{#-
    The load ledger: one row per raw file (or the demo seed) a run has read,
    with what became of its records. Staging consults it to read only files no
    earlier run has loaded. Written after the records themselves, so a run
    interrupted in between reads the file again next time, which is harmless:
    records already known are not added twice, and the records the interrupted
    run did add (an older processed_at than this run's) are counted in the
    row the completing run writes.
-#}
{{ config(materialized='incremental') }}
{#- Records validated since the newest load recorded here: this run's, and
    those of a run that was interrupted before it could record its loads. -#}
{%- set loads_high_water_mark = (
    '(select coalesce(max(processed_at), ' ~ incremental_high_water_mark() ~ ') from ' ~ this ~ ')'
) if is_incremental() else incremental_high_water_mark() %}

with

audit_log as (
    select * from {{ ref('stg_janrain__audit_log') }}
),

classified as (
    select * from {{ ref('int_audit_log__classified') }}
    where processed_at > {{ loads_high_water_mark }}
),

rejected as (
    select * from {{ ref('int_audit_log__validated') }}
    where processed_at > {{ loads_high_water_mark }} and reject_reason is not null
),

deliveries as (
    select
        source_file,
        count(*) as delivered_rows,
        min(ingested_at_utc) as first_ingested_at,
        max(ingested_at_utc) as last_ingested_at
    from audit_log
    group by source_file
),

new_records as (
    select
        source_file,
        sum(case when event_type is not null then 1 else 0 end) as canonical_events,
        sum(case when exclusion_reason is not null then 1 else 0 end) as excluded_records
    from classified
    group by source_file
),

new_rejects as (
    select
        source_file,
        count(*) as rejected_records
    from rejected
    group by source_file
),

loads as (
    select
        deliveries.source_file,
        deliveries.delivered_rows,
        cast(coalesce(new_records.canonical_events, 0) as bigint) as canonical_events,
        cast(coalesce(new_records.excluded_records, 0) as bigint) as excluded_records,
        cast(coalesce(new_rejects.rejected_records, 0) as bigint) as rejected_records,
        deliveries.first_ingested_at,
        deliveries.last_ingested_at,
        {{ current_processed_at() }} as processed_at
    from deliveries
    left join new_records
        on deliveries.source_file = new_records.source_file
    left join new_rejects
        on deliveries.source_file = new_rejects.source_file
)

select * from loads
