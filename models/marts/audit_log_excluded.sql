{#-
    Good raw records that are not Customer Insights events, with the reason:
    failed sign-ins, e-mail verification and password-reset mail, and profile
    replacements (entity.replace). Kept so that every record is accounted for
    and failed sign-ins can be reported. Incremental like fct_events.
-#}
{{ config(
    materialized='incremental',
    post_hook="{{ record_batch(ref('int_audit_log__validated'), 'logged_at', 'ingested_at') }}",
) }}

with

classified as (
    select * from {{ ref('int_audit_log__classified') }}
    where processed_at > {{ incremental_high_water_mark() }}
),

excluded as (
    select
        audit_record_id,
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
    where event_type is null
)

select * from excluded
