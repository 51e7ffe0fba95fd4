{{ config(**invariant_test_config(9)) }}
{%- set scope = invariant_scope() %}
{#-
    On incremental runs the earlier sign-in is looked for within the
    late-arrival window before the SSO sign-in (SSO sessions are short).
#}

with

events as {{ inline_cte() }} (
    select * from {{ ref('fct_events') }}
    {%- if not scope.full %}
    where {{ scope.near_due }}
    {%- endif %}
),

sso_sign_ins as (
    select * from events
    where
        event_type = 'signin.sso'
    {%- if not scope.full %}
        and {{ scope.is_due }}
        {%- endif %}
),

interactive_sign_ins as (
    select * from events
    where
        event_type in (
            'signin.traditional', 'signin.social',
            'signin.traditional_register', 'signin.social_register'
        )
        and sso_session_id is not null
),

violations as (
    select
        sso_sign_ins.event_id,
        sso_sign_ins.event_type,
        sso_sign_ins.user_uuid,
        case
            when sso_sign_ins.sso_session_id is null then 'SSO sign-in without an SSO session'
            else 'SSO sign-in without an earlier sign-in on another client in its session'
        end as violation
    from sso_sign_ins
    where not exists (
        select 1
        from interactive_sign_ins
        where
            interactive_sign_ins.app_id = sso_sign_ins.app_id
            and interactive_sign_ins.sso_session_id = sso_sign_ins.sso_session_id
            and interactive_sign_ins.client_id <> sso_sign_ins.client_id
            and interactive_sign_ins.occurred_at < sso_sign_ins.occurred_at
    )
)

select * from violations
