{#-
    One row per distinct raw record, with the contract's reject reason (null
    for a good record). Exact re-deliveries (same log_id and content) collapse
    into one record that keeps its earliest ingestion; among distinct records
    sharing a log_id, the first ingested is kept and the later ones are
    conflicts (ties broken by record id, so the choice is deterministic).
-#}

with

audit_log as (
    select * from {{ ref('stg_janrain__audit_log') }}
),

deliveries_ranked as (
    select
        *,
        row_number() over (
            partition by audit_record_id
            order by ingested_at_utc nulls last, ingested_at, source_file
        ) as delivery_rank,
        count(*) over (partition by audit_record_id) as delivery_count
    from audit_log
),

distinct_records as (
    select
        *,
        case
            when log_id is null then 1
            else row_number() over (
                partition by log_id
                order by ingested_at_utc nulls last, audit_record_id
            )
        end as log_id_rank
    from deliveries_ranked
    where delivery_rank = 1
),

validated as (
    select
        audit_record_id,
        {%- for column in audit_log_columns() %}
            {{ column }},
        {%- endfor %}
        logged_at_utc,
        ingested_at_utc,
        source_file,
        delivery_count,
        {{ classify_reject_reason(
            'log_id', 'event_name', 'user_uuid', 'logged_at_utc', 'ingested_at_utc',
            'log_id_rank > 1'
        ) }} as reject_reason
    from distinct_records
)

select * from validated
