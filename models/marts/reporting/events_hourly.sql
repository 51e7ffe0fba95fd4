{#-
    Events per UTC hour, app, API client and event type: the grain most
    Customer Insights charts roll up from. Hours without events have no row.
-#}

with

events as (
    select * from {{ ref('fct_events') }}
),

hourly as (
    select
        {{ dbt.date_trunc('hour', 'occurred_at') }} as event_hour,
        app_id,
        client_id,
        event_type,
        count(*) as event_count,
        count(distinct user_uuid) as user_count
    from events
    group by
        {{ dbt.date_trunc('hour', 'occurred_at') }},
        app_id,
        client_id,
        event_type
)

select * from hourly
