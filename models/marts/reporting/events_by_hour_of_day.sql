{#-
    The classic Customer Insights chart: how many events of each type happen
    in each hour of the day (UTC), over the whole log. Rolled up from
    events_hourly, which is already one row per hour, so this stays cheap at
    any volume. Hour/type pairs without events have no row. A view: always as
    current as events_hourly, and nothing to rebuild on an hourly run.
-#}
{{ config(materialized='view') }}

with

events_hourly as (
    select * from {{ ref('events_hourly') }}
),

by_hour_of_day as (
    select
        cast(extract(hour from event_hour) as integer) as hour_of_day,
        event_type,
        cast(sum(event_count) as bigint) as event_count
    from events_hourly
    group by
        cast(extract(hour from event_hour) as integer),
        event_type
)

select * from by_hour_of_day
