{#-
    The Daily profile counts dashboard: per source system, app and reporting
    day, profiles created and deleted that day, the profiles in the store at
    the midnight that ends the day (running creations minus deletions since
    the log began), and the change from the previous day. Every day from the
    first creation or deletion of the source's app to the last day of the log
    (of any source) has a row, days without changes included, so the line has
    no gaps and the counts of several sources add up on every day.

    Profiles created before the log begins are not known: counts are relative
    to the start of the log. Deactivated profiles stay in the store and are
    counted. Rebuilt in full from events_daily (days x sources x apps rows).
-#}

with

events_daily as (
    select * from {{ ref('events_daily') }}
),

calendar as (
    select * from {{ ref('time_spine_daily') }}
),

daily_changes as (
    select
        event_date,
        source_system,
        app_id,
        {{ sum_event_count_where("event_type = 'entity_create'") }} as profiles_created,
        {{ sum_event_count_where("event_type = 'entity_delete'") }} as profiles_deleted
    from events_daily
    where event_type in ('entity_create', 'entity_delete')
    group by event_date, source_system, app_id
),

app_spans as (
    select
        source_system,
        app_id,
        min(event_date) as first_date
    from daily_changes
    group by source_system, app_id
),

log_end as (
    select
        max(event_date) as last_date,
        max(reporting_time_zone) as reporting_time_zone
    from events_daily
),

app_days as (
    select
        calendar.date_day as profile_date,
        app_spans.source_system,
        app_spans.app_id,
        log_end.reporting_time_zone
    from app_spans
    cross join log_end
    inner join calendar
        on
            app_spans.first_date <= calendar.date_day
            and log_end.last_date >= calendar.date_day
),

filled as (
    select
        app_days.profile_date,
        app_days.source_system,
        app_days.app_id,
        app_days.reporting_time_zone,
        coalesce(daily_changes.profiles_created, 0) as profiles_created,
        coalesce(daily_changes.profiles_deleted, 0) as profiles_deleted
    from app_days
    left join daily_changes
        on
            app_days.profile_date = daily_changes.event_date
            and app_days.source_system = daily_changes.source_system
            and app_days.app_id = daily_changes.app_id
),

running as (
    select
        *,
        cast(sum(profiles_created - profiles_deleted) over (
            partition by source_system, app_id
            order by profile_date
            rows between unbounded preceding and current row
        ) as bigint) as profile_count
    from filled
),

with_change as (
    select
        profile_date,
        source_system,
        app_id,
        reporting_time_zone,
        profiles_created,
        profiles_deleted,
        profile_count,
        cast(profile_count - coalesce(lag(profile_count) over (
            partition by source_system, app_id order by profile_date
        ), 0) as bigint) as change_from_previous_day
    from running
)

select * from with_change
