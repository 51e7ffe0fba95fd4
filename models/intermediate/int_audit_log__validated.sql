{#-
    One row per distinct raw record, with the contract's reject reason (null
    for a good record). Exact re-deliveries (same log_id and content) collapse
    into one record that keeps its earliest ingestion; among distinct records
    sharing a log_id, the first ingested is kept and the later ones are
    conflicts (ties broken by record id, so the choice is deterministic).

    Incremental: each run appends only the records its new files bring. A
    record loaded by an earlier run is known and not added again, however
    often it is re-delivered; a new record whose log_id an earlier run already
    loaded with other content is a log_id_conflict (the earlier run ingested
    the other copy first). Both look-ups only scan the known records whose
    logged_at lies near the new ones (an exact copy has the same logged_at; a
    conflicting copy is looked for within the late-arrival window), so their
    cost follows the new data, not the history.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
) }}

{%- set staged_columns = ['audit_record_id'] + audit_log_columns()
    + ['logged_at_utc', 'ingested_at_utc', 'source_file'] %}
{%- set reject_only_columns = ['logged_at', 'ingested_at', 'ip_address', 'user_agent'] %}

with

audit_log as (
    select * from {{ ref('stg_janrain__audit_log') }}
),

-- Most records are delivered once. Only the ids delivered more than once
-- are ordered to find their earliest delivery: a window over every row at
-- full width costs several times more than this narrow count.
delivery_counts as (
    select
        audit_record_id,
        count(*) as delivery_count
    from audit_log
    group by audit_record_id
),

delivered_once as (
    select audit_log.*
    from audit_log
    inner join delivery_counts
        on audit_log.audit_record_id = delivery_counts.audit_record_id
    where delivery_counts.delivery_count = 1
),

redeliveries_ranked as (
    select
        audit_log.*,
        row_number() over (
            partition by audit_log.audit_record_id
            order by
                audit_log.ingested_at_utc nulls last,
                audit_log.ingested_at,
                audit_log.source_file
        ) as delivery_rank
    from audit_log
    inner join delivery_counts
        on audit_log.audit_record_id = delivery_counts.audit_record_id
    where delivery_counts.delivery_count > 1
),

batch_records as (
    select * from delivered_once

    union all

    select
        {{ staged_columns | join(',\n        ') }}
    from redeliveries_ranked
    where delivery_rank = 1
),

{% if is_incremental() %}

batch_bounds as (
    select
        min(logged_at_utc) as min_logged_at,
        max(logged_at_utc) as max_logged_at
    from batch_records
),

known_records as (
    select
        known.audit_record_id,
        known.log_id,
        known.logged_at_utc
    from {{ this }} as known
    cross join batch_bounds
    where
        known.logged_at_utc >= {{ dbt.dateadd(
            'hour', -1 * var('late_arrival_window_hours'), 'batch_bounds.min_logged_at'
        ) }}
        and known.logged_at_utc <= {{ dbt.dateadd(
            'hour', var('late_arrival_window_hours'), 'batch_bounds.max_logged_at'
        ) }}

    union all

    select
        known.audit_record_id,
        known.log_id,
        known.logged_at_utc
    from {{ this }} as known
    where known.logged_at_utc is null
),

new_records as (
    select batch_records.*
    from batch_records
    where not exists (
        select 1 from known_records
        where known_records.audit_record_id = batch_records.audit_record_id
    )
),

known_log_ids as (
    select distinct log_id
    from known_records
    where log_id is not null
),

{% else %}

new_records as (
    select * from batch_records
),

{% endif %}

-- Likewise only log_ids shared by several distinct records are ranked.
shared_log_ids as (
    select log_id
    from new_records
    where log_id is not null
    group by log_id
    having count(*) > 1
),

shared_log_id_ranks as (
    select
        new_records.audit_record_id,
        row_number() over (
            partition by new_records.log_id
            order by new_records.ingested_at_utc nulls last, new_records.audit_record_id
        ) as log_id_rank
    from new_records
    inner join shared_log_ids
        on new_records.log_id = shared_log_ids.log_id
),

ranked as (
    select
        new_records.*,
        case
            when new_records.log_id is null then 1
            {%- if is_incremental() %}
            when new_records.log_id in (select known_log_ids.log_id from known_log_ids) then 2
            {%- endif %}
            else coalesce(shared_log_id_ranks.log_id_rank, 1)
        end as log_id_rank
    from new_records
    left join shared_log_id_ranks
        on new_records.audit_record_id = shared_log_id_ranks.audit_record_id
),

checked as (
    select
        *,
        {{ classify_reject_reason(
            'log_id', 'event_name', 'user_uuid', 'logged_at_utc', 'ingested_at_utc',
            'log_id_rank > 1'
        ) }} as reject_reason
    from ranked
),

-- The raw text that only a reject needs (its timestamps as delivered, the
-- client's address and user agent) is kept for rejected records only: good
-- records carry the parsed times and, of the user agent, only the class of
-- device; personal data goes no further.
validated as (
    select
        audit_record_id,
        {%- for column in audit_log_columns() %}
        {%- if column in reject_only_columns %}
        case when reject_reason is not null then {{ column }} end as {{ column }},
        {%- else %}
        {{ column }},
        {%- endif %}
        {%- endfor %}
        logged_at_utc,
        ingested_at_utc,
        source_file,
        reject_reason,
        {{ current_processed_at() }} as processed_at,
        {{ classify_device_class('user_agent') }} as device_class
    from checked
)

select * from validated
