{#-
    Good raw records that are not Customer Insights events, with the reason:
    failed sign-ins, e-mail verification and password-reset mail, and profile
    replacements (entity.replace). Kept so that every record is accounted for
    and failed sign-ins can be reported. A view over int_audit_log__validated,
    like fct_events.
-#}
{{ config(materialized='view') }}

with

classified as (
    select * from {{ ref('int_audit_log__classified') }}
),

excluded as (
    select
        event_id as audit_record_id,
        record_key as audit_record_key,
        source_system,
        log_id,
        exclusion_reason,
        event_name,
        logged_at_utc as logged_at,
        ingested_at_utc as ingested_at,
        app_id,
        client_id,
        endpoint,
        user_uuid,
        failure_reason,
        processed_at
    from classified
    where exclusion_reason is not null
)

select * from excluded
