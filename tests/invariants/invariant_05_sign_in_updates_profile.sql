{{ config(**invariant_test_config(5)) }}

with

events as (
    select * from {{ ref('fct_events') }}
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
            and {{ dbt.equals('sign_ins.client_id', 'login_updates.client_id') }}
            and sign_ins.endpoint = login_updates.endpoint
            and {{ within_pairing_window('sign_ins.occurred_at', 'login_updates.occurred_at') }}
),

violations as (
    select
        sign_ins.event_id,
        sign_ins.event_type,
        sign_ins.user_uuid,
        'sign-in without its last-login profile update' as violation
    from sign_ins
    where
        not exists (
            select 1 from pairs
            where pairs.sign_in_event_id = sign_ins.event_id
        )

    union all

    select
        login_updates.event_id,
        login_updates.event_type,
        login_updates.user_uuid,
        'last-login profile update without its sign-in' as violation
    from login_updates
    where not exists (
        select 1 from pairs
        where pairs.update_event_id = login_updates.event_id
    )
)

select * from violations
