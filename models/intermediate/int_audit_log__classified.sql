{#-
    Every good distinct record, classified by the contract's rules (section 4):
    its canonical event type, or the reason it is not a Customer Insights
    event, and the attributes reporting slices by. A view: classification is
    cheap, and the incremental models below read only the rows they need.
-#}
{{ config(materialized='view') }}

with

validated as (
    select * from {{ ref('int_audit_log__validated') }}
),

good_records as (
    select * from validated
    where reject_reason is null
),

classified as (
    select
        audit_record_id,
        log_id,
        logged_at_utc,
        ingested_at_utc,
        event_name,
        app_id,
        client_id,
        endpoint,
        user_uuid,
        identity_provider,
        changed_attributes,
        deactivate_account,
        batch_id,
        sso_session_id,
        failure_reason,
        device_class,
        source_file,
        processed_at,
        {{ classify_event_type('event_name', 'endpoint') }} as event_type,
        {{ classify_exclusion_reason('event_name', 'endpoint') }} as exclusion_reason,
        {{ classify_sign_in_method('event_name') }} as sign_in_method,
        {{ classify_channel('endpoint') }} as channel,
        {{ classify_creation_path('event_name', 'endpoint') }} as creation_path,
        {{ classify_update_reason(
            'event_name', 'endpoint', 'changed_attributes', 'deactivate_account'
        ) }} as update_reason
    from good_records
)

select * from classified
