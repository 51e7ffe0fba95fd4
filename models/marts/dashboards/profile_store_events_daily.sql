{#-
    Event details, profile store: entity_create, entity_update and
    entity_delete per reporting day, app and API client, by creation path
    (registration, bulk_import, api_only and console creations counted
    separately), update reason and channel. From events_daily.
-#}

with

events_daily as (
    select * from {{ ref('events_daily') }}
    where event_type in {{ event_types_of('profile_store') }}
),

details as (
    {{ rollup_counts(
        'events_daily',
        [
            'event_date',
            'app_id',
            'client_id',
            'event_type',
            'creation_path',
            'update_reason',
            'channel',
            'reporting_time_zone',
        ],
        'event_count',
    ) }}
)

select * from details
