{#-
    The ip_address and user_agent of rejected records, apart from everything
    else (schema `restricted`): the only relation that holds them. Read
    straight from the raw files of the batches this model has not folded in
    (the incremental manifest names them), cleaned and keyed as staging does,
    and kept for the records validation rejected; no other model stores the
    two columns.

    Incremental: appends the rejects validation added since this table's
    high-water mark, which moves in the same transaction; after an
    interrupted run it reads that run's files too, so nothing is lost.
-#}
{{ config(
    materialized='incremental',
    post_hook="{{ record_batch('int_audit_log__validated') }}",
) }}
{% if reads_demo_log('janrain') %}-- depends_on: {{ ref('raw_audit_log') }}{% endif %}
{% for source in vendor_sources() if reads_demo_log(source) -%}
-- depends_on: {{ ref('raw_' ~ source ~ '_log') }}
{% endfor %}
{%- set mark = incremental_high_water_mark() %}
{%- set pending = raw_files_loaded_after(mark) %}
{%- set content = [] %}
{%- for column in audit_log_content_columns() -%}
{%- do content.append(clean_text('raw_files.' ~ column)) -%}
{%- endfor %}

with

rejected as (
    select
        record_key,
        log_id,
        processed_at
    from {{ ref('int_audit_log__validated') }}
    where
        processed_at > {{ mark }}
        and reject_reason is not null
),

raw_audit_log as (
    select
        *,
        {{ clean_text('raw_files.log_id') }} as cleaned_log_id
    from {{ read_raw_files(pending.files, pending.columns, pending.uniform) }} as raw_files
),

-- Only the delivered rows that can be a rejected record (its log_id, or none)
-- are keyed: rejects are few, and keying every row would cost a second staging.
delivered as (
    select
        {{ record_key(content) }} as record_key,
        {%- for column in personal_data_columns() %}
        {{ clean_text('raw_files.' ~ column) }} as {{ column }},
        {%- endfor %}
        raw_files.cleaned_log_id as log_id
    from raw_audit_log as raw_files
    where
        raw_files.cleaned_log_id is null
        or raw_files.cleaned_log_id in (
            select rejected.log_id from rejected
            where rejected.log_id is not null
        )
),

{%- for source in vendor_sources() %}
{%- set vendor_pending = raw_files_loaded_after(mark, source) %}

-- {{ source }}: the rejected records' address, user agent and content
-- (sources.md 2.5), from the records of the files not yet folded in.
delivered_{{ source }} as (
    select
        staged.record_key,
        {%- for column in personal_data_columns() %}
        staged.{{ column }},
        {%- endfor %}
        staged.raw_record,
        staged.log_id
    from ({{ vendor_staged_records(source, read_vendor_records(source, vendor_pending.files)) }}) as staged
    where
        staged.log_id is null
        or staged.log_id in (
            select rejected.log_id from rejected
            where rejected.log_id is not null
        )
),
{%- endfor %}

-- Every source's deliveries that can be rejected records, side by side.
every_delivery as (
    select
        record_key,
        {%- for column in personal_data_columns() %}
        {{ column }},
        {%- endfor %}
        cast(null as {{ dbt.type_string() }}) as raw_record,
        log_id
    from delivered
    {%- for source in vendor_sources() %}

    union all

    select * from delivered_{{ source }}
    {%- endfor %}
),

-- A re-delivered record carries the same values (they are content).
personal_data as (
    select distinct
        {{ record_id('rejected.log_id', 'rejected.record_key') }} as audit_record_id,
        rejected.record_key as audit_record_key,
        {%- for column in personal_data_columns() %}
        delivered.{{ column }},
        {%- endfor %}
        delivered.raw_record,
        rejected.processed_at
    from rejected
    inner join every_delivery as delivered
        on
            rejected.record_key = delivered.record_key
            and {{ null_safe_equals('rejected.log_id', 'delivered.log_id') }}
    where coalesce(
        {%- for column in personal_data_columns() %}
        delivered.{{ column }},
        {%- endfor %}
        delivered.raw_record
    ) is not null
)

select * from personal_data
