{#-
    The Event summary dashboard, per hour: registrations, sign-ins and SSO
    sign-ins per source system and app in every hour, labelled with the
    hour's wall-clock start in the reporting time zone. Keyed by the UTC
    hour, so the hour that repeats when clocks go back stays two rows.

    Rolled up from events_hourly (already one row per hour), rebuilt in full:
    its size follows hours x sources x apps, not events.
-#}

with

events_hourly as (
    select * from {{ ref('events_hourly') }}
),

summary as (
    select
        event_hour,
        {{ to_reporting_time('event_hour') }} as event_hour_local,
        source_system,
        app_id,
        '{{ reporting_time_zone() }}' as reporting_time_zone,
        {{ sum_event_count_where('event_type in ' ~ event_types_of('registrations')) }}
            as registrations,
        {{ sum_event_count_where('event_type in ' ~ event_types_of('sign_ins')) }} as sign_ins,
        {{ sum_event_count_where('event_type in ' ~ event_types_of('sso_sign_ins')) }}
            as sso_sign_ins
    from events_hourly
    group by event_hour, source_system, app_id
)

select * from summary
