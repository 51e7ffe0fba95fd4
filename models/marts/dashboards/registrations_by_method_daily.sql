{#-
    Event details, registrations: new accounts per reporting day, source
    system, app and API client by sign-in method (traditional or social),
    identity provider and channel. From events_daily.
-#}

with

events_daily as (
    select * from {{ ref('events_daily') }}
    where event_type in {{ event_types_of('registrations') }}
),

registrations as (
    select
        event_date,
        source_system,
        app_id,
        client_id,
        sign_in_method,
        identity_provider,
        channel,
        reporting_time_zone,
        cast(sum(event_count) as {{ dbt.type_bigint() }}) as registrations
    from events_daily
    group by
        event_date,
        source_system,
        app_id,
        client_id,
        sign_in_method,
        identity_provider,
        channel,
        reporting_time_zone
)

select * from registrations
