{{ config(**invariant_test_config(2)) }}
{%- set scope = invariant_scope() %}

with

events as {{ inline_cte() }} (
    select * from {{ ref('fct_events') }}
    {%- if not scope.full %}
    where {{ scope.near_due }}
    {%- endif %}
),

-- The events judged in this run; `events` holds their possible partners.
subjects as {{ inline_cte() }} (
    select * from events
    {%- if not scope.full %}
    where {{ scope.is_due }}
    {%- endif %}
),

registrations as (
    select * from events
    where event_type in ('signin.traditional_register', 'signin.social_register')
),

registration_creations as (
    select * from events
    where event_type = 'entity_create' and creation_path = 'registration'
),

pairs as (
    select
        registrations.event_id as registration_event_id,
        registration_creations.event_id as creation_event_id
    from registrations
    inner join registration_creations
        on
            registrations.app_id = registration_creations.app_id
            and registrations.user_uuid = registration_creations.user_uuid
            and {{ null_safe_equals(
                'registrations.client_id', 'registration_creations.client_id'
            ) }}
            and registrations.endpoint = registration_creations.endpoint
            and {{ within_pairing_window(
                'registrations.occurred_at', 'registration_creations.occurred_at'
            ) }}
),

registration_pair_counts as (
    select
        subjects.event_id,
        subjects.event_type,
        subjects.user_uuid,
        count(pairs.creation_event_id) as creation_count
    from subjects
    left join pairs
        on subjects.event_id = pairs.registration_event_id
    where subjects.event_type in ('signin.traditional_register', 'signin.social_register')
    group by
        subjects.event_id,
        subjects.event_type,
        subjects.user_uuid
),

creation_pair_counts as (
    select
        subjects.event_id,
        subjects.event_type,
        subjects.user_uuid,
        count(pairs.registration_event_id) as registration_count
    from subjects
    left join pairs
        on subjects.event_id = pairs.creation_event_id
    where subjects.event_type = 'entity_create' and subjects.creation_path = 'registration'
    group by
        subjects.event_id,
        subjects.event_type,
        subjects.user_uuid
),

violations as (
    select
        event_id,
        event_type,
        user_uuid,
        case
            when creation_count = 0 then 'registration without its profile creation'
            else 'registration with more than one profile creation'
        end as violation
    from registration_pair_counts
    where creation_count <> 1

    union all

    select
        event_id,
        event_type,
        user_uuid,
        'profile creation from a registration without its registration event' as violation
    from creation_pair_counts
    where registration_count = 0
)

select * from violations
