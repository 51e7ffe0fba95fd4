{#-
    The canonical Customer Insights events: one row per good raw record that
    classifies into one of the eight event types.

    Incremental: each run appends the records int_audit_log__validated gained
    since this table's newest processed_at. Records are never re-classified,
    so nothing already here changes, and a run interrupted before this model
    is completed by the next one.
-#}
{{ config(
    materialized='incremental',
    post_hook="{{ record_batch(ref('int_audit_log__validated'), 'occurred_at', 'ingested_at') }}",
) }}

with

classified as (
    select * from {{ ref('int_audit_log__classified') }}
    where processed_at > {{ incremental_high_water_mark() }}
),

events as (
    select
        audit_record_id as event_id,
        event_type,
        logged_at_utc as occurred_at,
        ingested_at_utc as ingested_at,
        app_id,
        client_id,
        user_uuid,
        endpoint,
        channel,
        device_class,
        sign_in_method,
        identity_provider,
        creation_path,
        update_reason,
        changed_attributes,
        sso_session_id,
        batch_id,
        log_id as source_log_id,
        processed_at
    from classified
    where event_type is not null
)

select * from events
