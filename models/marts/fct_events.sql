{#-
    The canonical Customer Insights events: one row per good raw record that
    classifies into one of the eight event types. is_registration and
    is_sign_in say what the type counts as (the vocabulary in dbt_project.yml),
    so that the semantic layer's measures, which cannot call macros, count
    by the same rules as the models and invariants.

    A view over int_audit_log__validated, where each record is stored once,
    already classified: the fact table costs no second copy of the data, and
    it grows the moment validation appends a batch. Nothing already here
    ever changes.

    It comes after the invariant check models (which read validation
    directly), so that the invariant tests, which read both, stop everything
    built on fct_events when they fail.
-#}
{{ config(materialized='view') }}
-- depends_on: {{ ref('int_invariants__event_pairs') }}
-- depends_on: {{ ref('int_invariants__users') }}
-- depends_on: {{ ref('int_invariants__sso_sessions') }}

with

classified as (
    select * from {{ ref('int_audit_log__classified') }}
),

events as (
    select
        event_id,
        record_key as event_key,
        source_system,
        is_derived,
        event_type,
        coalesce(event_type in {{ event_types_of('registrations') }}, false) as is_registration,
        coalesce(event_type in {{ event_types_of('all_sign_ins') }}, false) as is_sign_in,
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
