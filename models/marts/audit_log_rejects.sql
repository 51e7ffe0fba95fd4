{#-
    Raw records that cannot be trusted, one row per distinct record, with the
    raw columns as delivered (text; empty as null) and the contract's reject
    reason. The two personal columns, ip_address and user_agent, are not here:
    they are in restricted.audit_log_reject_personal_data, by
    audit_record_key. Nothing is dropped silently: every record the loader
    delivered is either here, in audit_log_excluded or in fct_events. A view
    over int_audit_log__validated, like fct_events.
-#}
{{ config(materialized='view') }}

with

validated as (
    select * from {{ ref('int_audit_log__validated') }}
),

rejects as (
    select
        {{ record_id('log_id', 'record_key') }} as audit_record_id,
        record_key as audit_record_key,
        source_system,
        reject_reason,
        {%- for column in audit_log_columns() if column not in personal_data_columns() %}
        {{ column }},
        {%- endfor %}
        logged_at_utc,
        source_file,
        processed_at
    from validated
    where reject_reason is not null
)

select * from rejects
