{#-
    Events per minute of the hour (0-59), source system and event type, over
    the whole log: whether traffic bunches at the top of the hour (scheduled
    jobs, imports).
    Minutes are those of the reporting time zone, which differ from UTC's
    only in zones with a half- or quarter-hour offset.

    Incremental: the events fct_events gained since the last run are counted
    and added to the stored counts (at most 60 x 8 rows per source system are read back).
-#}
{{ config(
    materialized='incremental',
    post_hook="{{ record_batch('fct_events') }}",
    **replace_slices_config('minute_of_hour')
) }}

{%- set dimensions = ['minute_of_hour', 'source_system', 'event_type', 'reporting_time_zone'] %}

with

new_events as (
    select * from {{ ref('fct_events') }}
    where processed_at > {{ incremental_high_water_mark() }}
),

localized as (
    select
        cast(extract(minute from {{ to_reporting_time('occurred_at') }}) as integer)
            as minute_of_hour,
        source_system,
        event_type,
        '{{ reporting_time_zone() }}' as reporting_time_zone
    from new_events
),

new_counts as (
    select
        minute_of_hour,
        source_system,
        event_type,
        reporting_time_zone,
        cast(count(*) as {{ dbt.type_bigint() }}) as event_count
    from localized
    group by
        minute_of_hour,
        source_system,
        event_type,
        reporting_time_zone
),

by_minute as (
    {{ merge_counts_incrementally('new_counts', dimensions, ['event_count'], 'minute_of_hour') }}
)

select * from by_minute
