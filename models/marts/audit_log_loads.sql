{#-
    The load ledger: one row per raw file (or the demo seed) a run loaded,
    with the rows it delivered and what became of the records it brought for
    the first time. An output only: what is loaded is decided from the
    incremental manifest, where validation records each file in the same
    transaction as its records.

    Incremental: each run adds the files validation loaded since this table's
    high-water mark, so a run killed between validation and this model is
    completed by the next one.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    post_hook="{{ record_batch('int_audit_log__validated') }}",
) }}

with

loaded_files as (
    select * from {{ ref('incremental_manifest') }}
    where
        model_name = 'int_audit_log__validated'
        and source_file is not null
        and processed_at > {{ incremental_high_water_mark() }}
),

new_records as (
    select * from {{ ref('int_audit_log__validated') }}
    where processed_at > {{ incremental_high_water_mark() }}
),

outcomes as (
    select
        source_file,
        processed_at,
        sum(case when event_type is not null then 1 else 0 end) as canonical_events,
        sum(case when exclusion_reason is not null then 1 else 0 end) as excluded_records,
        sum(case when reject_reason is not null then 1 else 0 end) as rejected_records
    from new_records
    group by source_file, processed_at
),

loads as (
    select
        loaded_files.source_file,
        loaded_files.row_count as delivered_rows,
        cast(coalesce(outcomes.canonical_events, 0) as {{ dbt.type_bigint() }}) as canonical_events,
        cast(coalesce(outcomes.excluded_records, 0) as {{ dbt.type_bigint() }}) as excluded_records,
        cast(coalesce(outcomes.rejected_records, 0) as {{ dbt.type_bigint() }}) as rejected_records,
        loaded_files.min_ingested_at as first_ingested_at,
        loaded_files.max_ingested_at as last_ingested_at,
        loaded_files.processed_at
    from loaded_files
    left join outcomes
        on
            loaded_files.source_file = outcomes.source_file
            and loaded_files.processed_at = outcomes.processed_at
)

select * from loads
