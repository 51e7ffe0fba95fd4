{#-
    Event details, profile store: entity_create, entity_update and
    entity_delete per reporting day, source system, app and API client, by
    creation path (registration, bulk_import, api_only and console creations
    counted separately), update reason and channel. From events_daily.
-#}

with

events_daily as (
    select * from {{ ref('events_daily') }}
    where event_type in {{ event_types_of('profile_store') }}
),

details as (
    select
        event_date,
        source_system,
        app_id,
        client_id,
        event_type,
        creation_path,
        update_reason,
        channel,
        reporting_time_zone,
        cast(sum(event_count) as {{ dbt.type_bigint() }}) as event_count
    from events_daily
    group by
        event_date,
        source_system,
        app_id,
        client_id,
        event_type,
        creation_path,
        update_reason,
        channel,
        reporting_time_zone
)

select * from details
