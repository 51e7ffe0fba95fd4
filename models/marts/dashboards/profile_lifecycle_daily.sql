{#-
    The Last-login, creation and deactivation trends dashboard: per reporting
    day, source system and app, last-login writes (the profile update every
    sign-in makes), profile creations, deactivations, reactivations and
    deletions. From events_daily.
-#}

with

events_daily as (
    select * from {{ ref('events_daily') }}
    where event_type in {{ event_types_of('profile_store') }}
),

lifecycle as (
    select
        event_date,
        source_system,
        app_id,
        reporting_time_zone,
        {{ sum_event_count_where("update_reason = 'login'") }} as last_login_updates,
        {{ sum_event_count_where("event_type = 'entity_create'") }} as profiles_created,
        {{ sum_event_count_where("update_reason = 'deactivation'") }} as deactivations,
        {{ sum_event_count_where("update_reason = 'reactivation'") }} as reactivations,
        {{ sum_event_count_where("event_type = 'entity_delete'") }} as profiles_deleted
    from events_daily
    group by event_date, source_system, app_id, reporting_time_zone
)

select * from lifecycle
