{#-
    The App overview dashboard: events per month, source system, app, API
    client and event type (profile creations are the entity_create rows,
    sign-ins and SSO the signin.* rows). Months of the reporting time zone.
    Rolled up from events_daily and rebuilt in full.
-#}

with

events_daily as (
    select * from {{ ref('events_daily') }}
),

monthly as (
    select
        cast({{ dbt.date_trunc('month', 'event_date') }} as date) as event_month,
        source_system,
        app_id,
        client_id,
        event_type,
        reporting_time_zone,
        cast(sum(event_count) as bigint) as event_count
    from events_daily
    group by
        cast({{ dbt.date_trunc('month', 'event_date') }} as date),
        source_system,
        app_id,
        client_id,
        event_type,
        reporting_time_zone
)

select * from monthly
