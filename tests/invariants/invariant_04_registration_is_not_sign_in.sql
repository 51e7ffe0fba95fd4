{{ config(**invariant_test_config(4)) }}

with

events as (
    select * from {{ ref('fct_events') }}
),

registrations as (
    select * from events
    where event_type in ('signin.traditional_register', 'signin.social_register')
),

sign_ins as (
    select * from events
    where event_type in ('signin.traditional', 'signin.social')
),

violations as (
    select
        sign_ins.event_id,
        sign_ins.event_type,
        sign_ins.user_uuid,
        case
            when sign_ins.occurred_at < registrations.occurred_at
                then 'sign-in before the user registered'
            else 'sign-in reported by the registration request'
        end as violation
    from sign_ins
    inner join registrations
        on
            sign_ins.app_id = registrations.app_id
            and sign_ins.user_uuid = registrations.user_uuid
    where
        sign_ins.occurred_at < registrations.occurred_at
        or (
            sign_ins.channel = registrations.channel
            and sign_ins.occurred_at >= registrations.occurred_at
            and sign_ins.occurred_at <= {{ dbt.dateadd(
                'second', pairing_window_seconds(), 'registrations.occurred_at'
            ) }}
        )

    union all

    select
        event_id,
        event_type,
        user_uuid,
        'sign-in reported from a registration endpoint' as violation
    from sign_ins
    where endpoint in {{ sql_string_list(janrain_register_endpoints()) }}
)

select * from violations
