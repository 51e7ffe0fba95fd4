{#-
    One row per distinct raw record, validated and classified: its reject
    reason (contract section 6, null for a good record), and for a good record
    its canonical event type or the reason it is excluded, with the attributes
    reporting slices by (section 4, derived row by row in staging). fct_events, audit_log_excluded and
    audit_log_rejects are views over this table: every record is written once.

    Distinct records: exact re-deliveries (same log_id and content) collapse
    into their earliest delivery; among distinct records sharing a log_id the
    first ingested is kept and the later ones are log_id conflicts (ties
    broken by record key, so the choice is deterministic). Most records have
    a log_id that nothing else in the batch shares; they pass straight
    through, and only the few whose log_id repeats are ranked.

    Incremental: each run appends the records of its new files (run_limits).
    A record an earlier run stored is not added again, however often it is
    re-delivered; a new record whose log_id an earlier run stored with other
    content is a log_id_conflict (the earlier run ingested the other copy
    first). Both look-ups read only stored records whose logged_at lies near
    the new ones (an exact copy has the same logged_at; a conflicting copy is
    looked for within the late-arrival window), so their cost follows the new
    data, not the history. The post-hook records the files in the incremental
    manifest in the same transaction.

    Personal data: the client's address and user agent are not stored here
    (a rejected record's go to restricted.audit_log_reject_personal_data, read
    from the raw files); of the user agent only the class of device remains.
    The timestamps as delivered are kept for rejected records only.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
    post_hook="{{ record_loaded_files() }}",
) }}
{%- set batch = run_limits() %}
{%- set late_hours = var('late_arrival_window_hours') | int %}
{%- set classification_columns = [
    'event_type', 'exclusion_reason', 'sign_in_method', 'channel', 'creation_path', 'update_reason',
] %}
{%- set staged_columns = ['record_key'] + audit_log_columns()
    + ['logged_at_utc', 'ingested_at_utc', 'source_file', 'device_class'] + classification_columns
    + ['line_number'] + (vendor_staged_columns().keys() | list)
    + ['is_known_event_name', 'requires_user_uuid'] %}
{%- set reject_only_columns = ['logged_at', 'ingested_at'] %}
{%- set log_id_key = record_key(['log_id']) %}

with

audit_log as {{ inline_cte() }} (
    select {{ staged_columns | join(', ') }} from {{ ref('stg_janrain__audit_log') }}
    {%- set vendor_staging = {'auth0': 'stg_auth0__logs', 'keycloak': 'stg_keycloak__events'} %}
    {%- for source, staging in vendor_staging | dictsort %}
    {%- if source in vendor_sources() %}

    union all

    select
        {%- for column in staged_columns %}
        {%- if column in ['device_class'] + classification_columns %}
        cast(null as {{ dbt.type_string() }}) as {{ column }}{{ ',' if not loop.last }}
        {%- else %}
        {{ column }}{{ ',' if not loop.last }}
        {%- endif %}
        {%- endfor %}
    from {{ ref(staging) }}
    {%- endif %}
    {%- endfor %}
),

-- log_ids delivered more than once in this batch (re-deliveries, conflicting
-- copies), by a hash of the text: a collision only sends a record down the
-- longer path below.
repeated_log_ids as (
    select {{ log_id_key }} as log_id_key
    from audit_log
    where log_id is not null
    group by {{ log_id_key }}
    having count(*) > 1
),

delivered_once as (
    select
        {{ staged_columns | join(',\n        ') }},
        1 as log_id_rank
    from audit_log
    where
        log_id is not null
        and {{ log_id_key }} not in (select repeated_log_ids.log_id_key from repeated_log_ids)
),

delivered_more_than_once as (
    select * from audit_log
    where
        log_id is null
        or {{ log_id_key }} in (select repeated_log_ids.log_id_key from repeated_log_ids)
),

-- An exact re-delivery collapses into the record's earliest delivery.
deliveries_ranked as (
    select
        *,
        row_number() over (
            partition by source_system, log_id, record_key
            order by ingested_at_utc nulls last, ingested_at, source_file, line_number
        ) as delivery_rank
    from delivered_more_than_once
),

-- Distinct records sharing a log_id: the first ingested is kept.
shared_log_id_ranked as (
    select
        {{ staged_columns | join(',\n        ') }},
        case
            when log_id is null then 1
            else row_number() over (
                partition by source_system, log_id
                order by
                    ingested_at_utc nulls last,
                    case when source_system <> 'janrain' then source_file end,
                    line_number,
                    record_key
            )
        end as log_id_rank
    from deliveries_ranked
    where delivery_rank = 1
),

batch_records as (
    select * from delivered_once

    union all

    select * from shared_log_id_ranked
),

{%- if is_incremental() %}

-- Records earlier runs stored near this batch's logged_at span (and those
-- whose logged_at could not be read). Nothing to look up on a run without
-- new files.
known_records as (
    {%- if not batch.has_new %}
    select
        known.source_system,
        known.log_id,
        known.record_key
    from {{ this }} as known
    where 1 = 0
    {%- else %}
    {%- if batch.min_logged_at is not none %}
    select
        known.source_system,
        known.log_id,
        known.record_key
    from {{ this }} as known
    where
        known.logged_at_utc >= {{ dbt.dateadd('hour', -1 * late_hours, batch.min_logged_at) }}
        and known.logged_at_utc <= {{ dbt.dateadd('hour', late_hours, batch.max_logged_at) }}

    union all
    {%- endif %}

    select
        known.source_system,
        known.log_id,
        known.record_key
    from {{ this }} as known
    where known.logged_at_utc is null
    {%- endif %}
),

new_records as (
    select batch_records.*
    from batch_records
    where not exists (
        select 1
        from known_records
        where
            known_records.record_key = batch_records.record_key
            and {{ null_safe_equals('known_records.log_id', 'batch_records.log_id') }}
    )
),

known_log_ids as (
    select distinct
        source_system,
        log_id
    from known_records
    where log_id is not null
),

{%- else %}

new_records as (
    select * from batch_records
),

{%- endif %}

-- A new record whose log_id an earlier run stored (of the same source) is a
-- later conflicting copy. A join, not a correlated subquery: Spark cannot plan
-- one inside a case expression.
checked as (
    select
        new_records.*,
        {{ classify_reject_reason(
            'new_records.log_id', 'new_records.is_known_event_name', 'new_records.requires_user_uuid',
            'new_records.user_uuid', 'new_records.logged_at_utc', 'new_records.ingested_at_utc',
            '(new_records.log_id_rank > 1'
            ~ (' or known_log_ids.log_id is not null' if is_incremental() else '')
            ~ ')',
            "new_records.source_system = 'janrain'",
        ) }} as reject_reason
    from new_records
    {%- if is_incremental() %}
    left join known_log_ids
        on
            new_records.log_id = known_log_ids.log_id
            and new_records.source_system = known_log_ids.source_system
    {%- endif %}
),

validated as (
    select
        record_key,
        {%- for column in audit_log_columns() if column not in personal_data_columns() %}
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
        {%- for column in vendor_staged_columns() %}
        {{ column }},
        {%- endfor %}
        line_number,
        {%- for column in classification_columns %}
        case when reject_reason is null then {{ column }} end as {{ column }},
        {%- endfor %}
        device_class
    from checked
)

select * from validated
