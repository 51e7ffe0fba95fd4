{{ config(**invariant_test_config(3)) }}
{%- set scope = invariant_scope() %}
{#-
    A user's creation and registration may be far apart, so both sides are
    looked up over the whole history; on incremental runs only pairs with a
    side in the newest batch are judged (both look-ups read only the
    registration and creation events, a small part of the table).
#}

with

events as {{ inline_cte() }} (
    select * from {{ ref('fct_events') }}
),

non_registration_creations as (
    select * from events
    where
        event_type = 'entity_create'
        and creation_path in ('bulk_import', 'api_only', 'console')
),

registrations as (
    select * from events
    where event_type in ('signin.traditional_register', 'signin.social_register')
),

violations as (
    select distinct
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
    {%- if not scope.full %}
    -- One side new at a time, so each join starts from the (small) new batch.
    where registrations.{{ scope.is_new }}

    union

    select
        registrations.event_id,
        registrations.event_type,
        registrations.user_uuid,
        'registration event for a user created by '
        || non_registration_creations.creation_path as violation
    from non_registration_creations
    inner join registrations
        on
            non_registration_creations.app_id = registrations.app_id
            and non_registration_creations.user_uuid = registrations.user_uuid
    where non_registration_creations.{{ scope.is_new }}
    {%- endif %}
)

select * from violations
