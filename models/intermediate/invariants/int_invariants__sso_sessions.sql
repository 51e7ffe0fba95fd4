{#-
    The invariant check at the grain of one SSO session (invariant 9): an SSO
    sign-in needs an earlier interactive sign-in or registration in the same
    app and session on another, known client. An SSO sign-in without a
    session fails too.

    One row per violating SSO sign-in. Scoped like the pairing checks: an SSO
    sign-in is judged once its late-arrival window has passed, and the
    sign-ins that may have opened its session are looked for up to one such
    window before it. Sessions and clients are matched on 64-bit hashes; the
    readable columns are fetched for violations only.
-#}
{%- set scope = invariant_scope(occurred_at='logged_at_utc') %}

with

validated as {{ inline_cte() }} (
    select * from {{ ref('int_audit_log__classified') }}
),

session_events as (
    select
        record_key,
        logged_at_utc as occurred_at,
        event_type in {{ event_types_of('sso_sign_ins') }} as is_sso,
        case
            when sso_session_id is not null
                then {{ record_key(['source_system', 'app_id', 'sso_session_id']) }}
        end as session_key,
        case when client_id is not null then {{ record_key(['client_id']) }} end as client_key,
        {{ scope.is_due }} as is_due
    from validated
    where
        (
            event_type in {{ event_types_of('sso_sign_ins') }}
            or event_type in {{ event_types_of('interactive_sign_ins') }}
            -- Auth0 and Keycloak: a sign-up's own sign-in opens the session on
            -- its client too (sources.md 5, invariant 9).
            or exclusion_reason = 'registration_sign_in'
        )
        {%- if scope.has_work %}
        and {{ scope.session_near }}
        {%- else %}
        and 1 = 0
        {%- endif %}
),

-- When each client of a session first signed in or registered in it.
session_openers as (
    select
        session_key,
        client_key,
        min(occurred_at) as first_signed_in_at
    from session_events
    where not is_sso and session_key is not null and client_key is not null
    group by session_key, client_key
),

unopened as (
    select sso_sign_ins.record_key
    from session_events as sso_sign_ins
    where
        sso_sign_ins.is_sso
        and sso_sign_ins.is_due
        and not exists (
            select 1
            from session_openers
            where
                session_openers.session_key = sso_sign_ins.session_key
                and session_openers.client_key <> sso_sign_ins.client_key
                and session_openers.first_signed_in_at < sso_sign_ins.occurred_at
        )
),

violations as (
    select
        9 as invariant,
        validated.event_id,
        validated.source_system,
        validated.event_type,
        validated.app_id,
        validated.user_uuid,
        case
            when validated.sso_session_id is null then 'SSO sign-in without an SSO session'
            else 'SSO sign-in without an earlier sign-in on another client in its session'
        end as violation
    from unopened
    inner join validated
        on unopened.record_key = validated.record_key
)

select * from violations
