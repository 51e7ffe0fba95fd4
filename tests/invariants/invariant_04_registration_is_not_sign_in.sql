{{ config(**invariant_test_config(4)) }}
{%- set scope = invariant_scope() %}
{#-
    Registrations are looked up over the whole history (a user signs in long
    after registering). On incremental runs the sign-ins judged are those of
    the newest batch, plus, for a newly arrived registration, the sign-ins
    within the late-arrival window around it.
#}

with

registrations as (
    select * from {{ ref('fct_events') }}
    where event_type in ('signin.traditional_register', 'signin.social_register')
),

sign_ins as (
    select * from {{ ref('fct_events') }}
    where
        event_type in ('signin.traditional', 'signin.social')
    {%- if not scope.full %}
        and ({{ scope.is_new }} or {{ scope.near_new }})
        {%- endif %}
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
        (
            sign_ins.occurred_at < registrations.occurred_at
            or (
                sign_ins.channel = registrations.channel
                and sign_ins.occurred_at >= registrations.occurred_at
                and sign_ins.occurred_at <= {{ dbt.dateadd(
                    'second', pairing_window_seconds(), 'registrations.occurred_at'
                ) }}
            )
        )
    {%- if not scope.full %}
        and (sign_ins.{{ scope.is_new }} or registrations.{{ scope.is_new }})
        {%- endif %}

    union all

    select
        event_id,
        event_type,
        user_uuid,
        'sign-in reported from a registration endpoint' as violation
    from sign_ins
    where
        endpoint in {{ sql_string_list(janrain_register_endpoints()) }}
    {%- if not scope.full %}
        and {{ scope.is_new }}
        {%- endif %}
)

select * from violations
