{#-
    Event details, sign-ins: sign-ins of existing accounts per reporting day,
    source system, app and API client by method (traditional, social or sso),
    identity provider and channel. Registrations are not sign-ins and are not
    here. From events_daily.
-#}

with

events_daily as (
    select * from {{ ref('events_daily') }}
    where event_type in {{ event_types_of('all_sign_ins') }}
),

sign_ins as (
    select
        event_date,
        source_system,
        app_id,
        client_id,
        sign_in_method,
        identity_provider,
        channel,
        reporting_time_zone,
        cast(sum(event_count) as {{ dbt.type_bigint() }}) as sign_ins
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

select * from sign_ins
