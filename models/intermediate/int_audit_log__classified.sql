{#-
    Every good record of every source, classified, and the events vendor
    records derive: one row per canonical event (primary or derived) or
    excluded record, keyed by (source_system, event_id). Janrain records are
    classified row by row in staging and kept in int_audit_log__validated;
    Auth0 and Keycloak records are classified in
    int_vendor_records__classified, and a vendor registration or sign-in
    adds the profile write its platform does not log (sources.md 2.3):
    `<record id>:create` or `<record id>:update`, `is_derived` true.

    A view: fct_events, audit_log_excluded and the invariant check models
    read it, so that every source's events are checked and reported alike.
    For a Janrain-only build it is validation's good records, as before.
-#}
{{ config(materialized='view') }}

with

validated as {{ inline_cte() }} (
    select * from {{ ref('int_audit_log__validated') }}
    where reject_reason is null
),

vendor_classifications as (
    select * from {{ ref('int_vendor_records__classified') }}
),

janrain_records as (
    select
        record_key,
        {{ record_id('log_id', 'record_key') }} as event_id,
        'janrain' as source_system,
        false as is_derived,
        log_id,
        event_name,
        logged_at_utc,
        ingested_at_utc,
        app_id,
        client_id,
        user_uuid,
        endpoint,
        event_type,
        exclusion_reason,
        channel,
        device_class,
        sign_in_method,
        identity_provider,
        creation_path,
        update_reason,
        changed_attributes,
        sso_session_id,
        batch_id,
        failure_reason,
        processed_at
    from validated
    where source_system = 'janrain'
),

vendor_records as (
    select
        validated.record_key,
        validated.log_id as event_id,
        validated.source_system,
        false as is_derived,
        validated.log_id,
        validated.event_name,
        validated.logged_at_utc,
        validated.app_id,
        validated.client_id,
        validated.user_uuid,
        validated.endpoint,
        vendor_classifications.event_type,
        vendor_classifications.exclusion_reason,
        vendor_classifications.channel,
        validated.device_class,
        vendor_classifications.sign_in_method,
        vendor_classifications.identity_provider,
        vendor_classifications.creation_path,
        vendor_classifications.update_reason,
        validated.changed_attributes,
        vendor_classifications.sso_session_id,
        validated.batch_id,
        validated.failure_reason,
        vendor_classifications.processed_at,
        vendor_classifications.derived_event_type,
        coalesce(validated.ingested_at_utc, validated.processed_at) as ingested_at_utc
    from validated
    inner join vendor_classifications on validated.record_key = vendor_classifications.record_key
),

derived_events as (
    select
        {{ record_key(['vendor_records.record_key', "'derived'"]) }} as record_key,
        {{ dbt.concat([
            'vendor_records.log_id',
            "case when vendor_records.derived_event_type = 'entity_create' then ':create' else ':update' end",
        ]) }} as event_id,
        vendor_records.source_system,
        true as is_derived,
        vendor_records.log_id,
        vendor_records.event_name,
        vendor_records.logged_at_utc,
        vendor_records.ingested_at_utc,
        vendor_records.app_id,
        vendor_records.client_id,
        vendor_records.user_uuid,
        vendor_records.endpoint,
        vendor_records.derived_event_type as event_type,
        cast(null as {{ dbt.type_string() }}) as exclusion_reason,
        vendor_records.channel,
        vendor_records.device_class,
        cast(null as {{ dbt.type_string() }}) as sign_in_method,
        cast(null as {{ dbt.type_string() }}) as identity_provider,
        case when vendor_records.derived_event_type = 'entity_create' then 'registration' end
            as creation_path,
        case when vendor_records.derived_event_type = 'entity_update' then 'login' end
            as update_reason,
        vendor_records.changed_attributes,
        vendor_records.sso_session_id,
        vendor_records.batch_id,
        cast(null as {{ dbt.type_string() }}) as failure_reason,
        vendor_records.processed_at
    from vendor_records
    where vendor_records.derived_event_type is not null
),

classified as (
    select * from janrain_records

    union all

    select
        record_key,
        event_id,
        source_system,
        is_derived,
        log_id,
        event_name,
        logged_at_utc,
        ingested_at_utc,
        app_id,
        client_id,
        user_uuid,
        endpoint,
        event_type,
        exclusion_reason,
        channel,
        device_class,
        sign_in_method,
        identity_provider,
        creation_path,
        update_reason,
        changed_attributes,
        sso_session_id,
        batch_id,
        failure_reason,
        processed_at
    from vendor_records

    union all

    select * from derived_events
)

select * from classified
