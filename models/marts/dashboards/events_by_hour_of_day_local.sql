{#-
    The classic chart in the reporting time zone: events per hour of the local
    day, source system and event type over the whole log. events_by_hour_of_day
    stays in UTC (an interface other tools rely on); this is its local twin.
    With the default time zone (UTC) both hold the same numbers.

    From events_hourly: each UTC hour maps to one local hour, exactly, in any
    zone whose offset is a whole number of hours (the reporting_time_zone test
    on event_summary_hourly fails for other zones).
-#}

with

events_hourly as (
    select * from {{ ref('events_hourly') }}
),

by_local_hour as (
    select
        cast(extract(hour from {{ to_reporting_time('event_hour') }}) as integer)
            as hour_of_day_local,
        source_system,
        event_type,
        '{{ reporting_time_zone() }}' as reporting_time_zone,
        cast(sum(event_count) as bigint) as event_count
    from events_hourly
    group by
        cast(extract(hour from {{ to_reporting_time('event_hour') }}) as integer),
        source_system,
        event_type
)

select * from by_local_hour
