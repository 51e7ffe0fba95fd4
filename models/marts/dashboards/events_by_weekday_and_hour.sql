{#-
    Events per local weekday x hour of day, source system and event type over
    the whole log (the heat map of the Events by hour dashboard), in the
    reporting time zone. From events_hourly, like events_by_hour_of_day_local.
-#}

with

events_hourly as (
    select * from {{ ref('events_hourly') }}
),

local_hours as (
    select
        {{ to_reporting_time('event_hour') }} as event_hour_local,
        source_system,
        event_type,
        event_count
    from events_hourly
),

by_weekday_and_hour as (
    select
        {{ iso_day_of_week('event_hour_local') }} as iso_weekday,
        cast(extract(hour from event_hour_local) as integer) as hour_of_day_local,
        source_system,
        event_type,
        '{{ reporting_time_zone() }}' as reporting_time_zone,
        cast(sum(event_count) as bigint) as event_count
    from local_hours
    group by
        {{ iso_day_of_week('event_hour_local') }},
        cast(extract(hour from event_hour_local) as integer),
        source_system,
        event_type
)

select * from by_weekday_and_hour
