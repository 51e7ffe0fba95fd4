{#-
    What the entity_update count is made of, per reporting day, source system
    and app: the last-login writes that every sign-in causes, real profile
    edits, deactivations and reactivations. The default dashboards showed one
    entity_update number, in which sign-ins usually dominate. From
    events_daily.
-#}

with

updates as (
    select * from {{ ref('events_daily') }}
    where event_type = 'entity_update'
),

explained as (
    select
        event_date,
        source_system,
        app_id,
        reporting_time_zone,
        cast(sum(event_count) as bigint) as entity_updates,
        {{ sum_event_count_where("update_reason = 'login'") }} as login_updates,
        {{ sum_event_count_where("update_reason = 'profile_edit'") }} as profile_edits,
        {{ sum_event_count_where("update_reason = 'deactivation'") }} as deactivations,
        {{ sum_event_count_where("update_reason = 'reactivation'") }} as reactivations
    from updates
    group by event_date, source_system, app_id, reporting_time_zone
)

select * from explained
