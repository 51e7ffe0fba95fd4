{#-
    Good raw records that are not Customer Insights events, with the reason:
    failed sign-ins, e-mail verification and password-reset mail, and profile
    replacements (entity.replace). Kept so that every record is accounted for
    and failed sign-ins can be reported.
-#}

with

classified as (
    select * from {{ ref('int_audit_log__classified') }}
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
        delivery_count
    from classified
    where event_type is null
)

select * from excluded
