{#-
    The ip_address and user_agent of rejected records, apart from the marts
    (schema `restricted`). Incremental: appends the rejects validation added
    since this table's high-water mark, which moves in the same transaction.
-#}
{{ config(
    materialized='incremental',
    post_hook="{{ record_batch('int_audit_log__validated') }}",
) }}

with

rejected as (
    select * from {{ ref('int_audit_log__validated') }}
    where
        processed_at > {{ incremental_high_water_mark() }}
        and reject_reason is not null
),

personal_data as (
    select
        {{ record_id('log_id', 'record_key') }} as audit_record_id,
        record_key as audit_record_key,
        {%- for column in personal_data_columns() %}
        {{ column }},
        {%- endfor %}
        processed_at
    from rejected
    where coalesce({{ personal_data_columns() | join(', ') }}) is not null
)

select * from personal_data
