{#-
    The classic Customer Insights chart: how many events of each type happen
    in each hour of the day (UTC), over the whole log, per source system (sum
    over source_system for the chart across sources). Rolled up from
    events_hourly, which is already one row per hour, so this stays cheap at
    any volume. Hour/source/type combinations without events have no row. A
    view: always as current as events_hourly, and nothing to rebuild on an
    hourly run.
-#}
{{ config(materialized='view') }}

with

events_hourly as (
    select * from {{ ref('events_hourly') }}
),

by_hour_of_day as (
    select
        cast(extract(hour from event_hour) as integer) as hour_of_day,
        source_system,
        event_type,
        cast(sum(event_count) as bigint) as event_count
    from events_hourly
    group by
        cast(extract(hour from event_hour) as integer),
        source_system,
        event_type
)

select * from by_hour_of_day
