{#-
    The invariant check at the grain of one SSO session (invariant 9): an SSO
    sign-in needs an earlier interactive sign-in or registration in the same
    app and session on another, known client. An SSO sign-in without a
    session fails too.

    One row per violating SSO sign-in. Scoped like the pairing checks: an SSO
    sign-in is judged once its late-arrival window has passed, and the
    sign-ins that may have opened its session are looked for up to one such
    window before it.
-#}
{%- set scope = invariant_scope() %}

with

validated_events as (
    select
        *,
        logged_at_utc as occurred_at
    from {{ ref('int_audit_log__validated') }}
),

session_events as (
    select * from validated_events
    where
        (event_type = 'signin.sso' or event_type in {{ event_types_of('interactive_sign_ins') }})
        {%- if scope.has_work %}
        and {{ scope.session_near }}
        {%- else %}
        and 1 = 0
        {%- endif %}
),

session_openers as (
    select
        app_id,
        sso_session_id,
        client_id,
        min(occurred_at) as first_signed_in_at
    from session_events
    where event_type <> 'signin.sso' and sso_session_id is not null and client_id is not null
    group by app_id, sso_session_id, client_id
),

sso_sign_ins as (
    select * from session_events
    where event_type = 'signin.sso' and {{ scope.is_due }}
),

violations as (
    select
        9 as invariant,
        {{ record_id('sso_sign_ins.log_id', 'sso_sign_ins.record_key') }} as event_id,
        sso_sign_ins.event_type,
        sso_sign_ins.app_id,
        sso_sign_ins.user_uuid,
        case
            when sso_sign_ins.sso_session_id is null then 'SSO sign-in without an SSO session'
            else 'SSO sign-in without an earlier sign-in on another client in its session'
        end as violation
    from sso_sign_ins
    where not exists (
        select 1
        from session_openers
        where
            session_openers.app_id = sso_sign_ins.app_id
            and session_openers.sso_session_id = sso_sign_ins.sso_session_id
            and session_openers.client_id <> sso_sign_ins.client_id
            and session_openers.first_signed_in_at < sso_sign_ins.occurred_at
    )
)

select * from violations
