{#-
    The Event summary dashboard, per hour: registrations, sign-ins and SSO
    sign-ins per app in every hour, labelled with the hour's wall-clock start
    in the reporting time zone. Keyed by the UTC hour, so the hour that
    repeats when clocks go back stays two rows.

    Rolled up from events_hourly (already one row per hour), rebuilt in full:
    its size follows hours x apps, not events.
-#}

with

events_hourly as (
    select * from {{ ref('events_hourly') }}
),

summary as (
    select
        event_hour,
        {{ to_reporting_time('event_hour') }} as event_hour_local,
        app_id,
        '{{ reporting_time_zone() }}' as reporting_time_zone,
        {{ event_summary_measures() }}
    from events_hourly
    group by event_hour, app_id
)

select * from summary
