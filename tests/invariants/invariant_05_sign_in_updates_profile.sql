{{ config(**invariant_test_config(5)) }}
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

sign_ins as (
    select * from events
    where event_type in ('signin.traditional', 'signin.social', 'signin.sso')
),

login_updates as (
    select * from events
    where event_type = 'entity_update' and update_reason = 'login'
),

pairs as (
    select
        sign_ins.event_id as sign_in_event_id,
        login_updates.event_id as update_event_id
    from sign_ins
    inner join login_updates
        on
            sign_ins.app_id = login_updates.app_id
            and sign_ins.user_uuid = login_updates.user_uuid
            and {{ null_safe_equals('sign_ins.client_id', 'login_updates.client_id') }}
            and sign_ins.endpoint = login_updates.endpoint
            and {{ within_pairing_window('sign_ins.occurred_at', 'login_updates.occurred_at') }}
),

violations as (
    select
        subjects.event_id,
        subjects.event_type,
        subjects.user_uuid,
        'sign-in without its last-login profile update' as violation
    from subjects
    where
        subjects.event_type in ('signin.traditional', 'signin.social', 'signin.sso')
        and not exists (
            select 1 from pairs
            where pairs.sign_in_event_id = subjects.event_id
        )

    union all

    select
        subjects.event_id,
        subjects.event_type,
        subjects.user_uuid,
        'last-login profile update without its sign-in' as violation
    from subjects
    where
        subjects.event_type = 'entity_update'
        and subjects.update_reason = 'login'
        and not exists (
            select 1 from pairs
            where pairs.update_event_id = subjects.event_id
        )
)

select * from violations
