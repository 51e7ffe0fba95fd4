{#-
    SSO federation flows: for every signin.sso, the site (API client) where
    its SSO session began, i.e. the session's first interactive sign-in or
    registration, and the site the user was carried to; counted per reporting
    day and app. origin_client_id is null when the session's first sign-in is
    not in the log (invariant 9 makes that rare).

    Rebuilt in full: a late-arriving first sign-in can change the origin of
    SSO hops already counted, so an incremental version would have to revisit
    old sessions anyway. It reads only the sign-in rows that carry an SSO
    session (a few columns of a fraction of fct_events) and joins per session.
-#}

with

session_events as (
    select
        app_id,
        sso_session_id,
        client_id,
        event_type,
        occurred_at
    from {{ ref('fct_events') }}
    where
        sso_session_id is not null
        and event_type in (
            'signin.traditional_register',
            'signin.social_register',
            'signin.traditional',
            'signin.social',
            'signin.sso'
        )
),

ranked_session_starts as (
    select
        app_id,
        sso_session_id,
        client_id,
        row_number() over (
            partition by app_id, sso_session_id
            order by occurred_at, client_id
        ) as start_rank
    from session_events
    where event_type <> 'signin.sso'
),

session_origins as (
    select
        app_id,
        sso_session_id,
        client_id as origin_client_id
    from ranked_session_starts
    where start_rank = 1
),

sso_hops as (
    select
        session_events.app_id,
        session_events.client_id as destination_client_id,
        session_events.occurred_at,
        session_origins.origin_client_id
    from session_events
    left join session_origins
        on
            session_events.app_id = session_origins.app_id
            and session_events.sso_session_id = session_origins.sso_session_id
    where session_events.event_type = 'signin.sso'
),

flows as (
    select
        {{ to_reporting_date('occurred_at') }} as event_date,
        app_id,
        origin_client_id,
        destination_client_id,
        '{{ reporting_time_zone() }}' as reporting_time_zone,
        count(*) as sso_sign_ins
    from sso_hops
    group by
        {{ to_reporting_date('occurred_at') }},
        app_id,
        origin_client_id,
        destination_client_id
)

select * from flows
