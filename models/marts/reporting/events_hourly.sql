{#-
    Events per UTC hour, source system, app, API client and event type: the
    grain most Customer Insights charts roll up from. Hours without events
    have no row.

    Incremental: a run recomputes, from fct_events, every hour that received
    events since the last run (late records included, in their true hour) and
    replaces those hours; other hours are left alone. The high-water mark of
    the processed_at it has folded in is kept in the incremental manifest.
-#}
{%- set hour_bounds = none -%}
{%- if execute and is_incremental() -%}
    {%- set hour_bounds = run_query(
        'select min(occurred_at), max(occurred_at), count(*) from ' ~ ref('fct_events')
        ~ ' where processed_at > ' ~ incremental_high_water_mark()
    ).rows[0] -%}
{%- endif -%}
{{ config(
    materialized='incremental',
    post_hook="{{ record_batch('fct_events') }}",
    **replace_slices_config('event_hour')
) }}

with

events as (
    select * from {{ ref('fct_events') }}
    {%- if hour_bounds is not none %}
    {%- if hour_bounds[2] == 0 %}
    where 1 = 0
    {%- else %}
    where
        occurred_at >= {{ dbt.date_trunc('hour', "cast('" ~ hour_bounds[0] ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
        and occurred_at < {{ dbt.dateadd('hour', 1, dbt.date_trunc(
            'hour', "cast('" ~ hour_bounds[1] ~ "' as " ~ dbt.type_timestamp() ~ ")"
        )) }}
        and {{ dbt.date_trunc('hour', 'occurred_at') }} in (
            select distinct {{ dbt.date_trunc('hour', 'new_events.occurred_at') }}
            from {{ ref('fct_events') }} as new_events
            where new_events.processed_at > {{ incremental_high_water_mark() }}
        )
    {%- endif %}
    {%- endif %}
),

-- Events per user first, then users per hour: cheaper than count(distinct),
-- and the user is a 64-bit key, not its text, so the first step stays small.
user_hours as (
    select
        {{ dbt.date_trunc('hour', 'occurred_at') }} as event_hour,
        source_system,
        app_id,
        client_id,
        event_type,
        case when user_uuid is not null then {{ record_key(['user_uuid']) }} end as user_key,
        count(*) as event_count
    from events
    group by
        {{ dbt.date_trunc('hour', 'occurred_at') }},
        source_system,
        app_id,
        client_id,
        event_type,
        case when user_uuid is not null then {{ record_key(['user_uuid']) }} end
),

hourly as (
    select
        event_hour,
        source_system,
        app_id,
        client_id,
        event_type,
        cast(sum(event_count) as {{ dbt.type_bigint() }}) as event_count,
        count(user_key) as user_count
    from user_hours
    group by
        event_hour,
        source_system,
        app_id,
        client_id,
        event_type
)

select * from hourly
