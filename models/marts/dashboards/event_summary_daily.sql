{#-
    The Event summary dashboard, per day: registrations, sign-ins and SSO
    sign-ins per reporting day (var reporting_time_zone), source system and
    app. Rolled up from events_daily and rebuilt in full (days x sources x
    apps rows).
-#}

with

events_daily as (
    select * from {{ ref('events_daily') }}
),

summary as (
    select
        event_date,
        source_system,
        app_id,
        reporting_time_zone,
        {{ sum_event_count_where('event_type in ' ~ event_types_of('registrations')) }}
            as registrations,
        {{ sum_event_count_where('event_type in ' ~ event_types_of('sign_ins')) }} as sign_ins,
        {{ sum_event_count_where('event_type in ' ~ event_types_of('sso_sign_ins')) }}
            as sso_sign_ins
    from events_daily
    group by event_date, source_system, app_id, reporting_time_zone
)

select * from summary
