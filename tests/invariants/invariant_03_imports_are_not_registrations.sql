{{ config(**invariant_test_config(3)) }}

with

events as (
    select * from {{ ref('fct_events') }}
),

non_registration_creations as (
    select
        app_id,
        user_uuid,
        creation_path
    from events
    where
        event_type = 'entity_create'
        and creation_path in ('bulk_import', 'api_only', 'console')
),

registrations as (
    select * from events
    where event_type in ('signin.traditional_register', 'signin.social_register')
),

violations as (
    select
        registrations.event_id,
        registrations.event_type,
        registrations.user_uuid,
        'registration event for a user created by '
        || non_registration_creations.creation_path as violation
    from registrations
    inner join non_registration_creations
        on
            registrations.app_id = non_registration_creations.app_id
            and registrations.user_uuid = non_registration_creations.user_uuid
)

select * from violations
