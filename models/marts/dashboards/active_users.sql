{#-
    Daily, weekly and monthly active users per source system and app, new
    versus returning. One row per period grain (day, week starting Monday,
    calendar month), period start (reporting time zone), source system and
    app. A user is a source system, an app and a user_uuid (the user_key of
    int_users__lifecycle). A user is active in a period when they registered,
    signed in or arrived by SSO in it; new when their first activity in the
    log falls in the period, returning otherwise.

    Incremental by period: a run recounts only the periods its new user-days
    fall in, and, for a user whose first activity a late event moved earlier,
    the periods of the former first day (where the user was counted new).
    Each recount reads the user-days of its periods and the users' first
    activity (int_users__lifecycle), so its cost follows the periods touched,
    not the history.
-#}
{%- set grains = ['day', 'week', 'month'] %}
{%- set touched_since = none %}
{%- if execute and is_incremental() %}
    {%- set touched_since = run_query(
        'select min(activity_date) from ('
        ~ ' select activity_date from ' ~ ref('int_users__active_days')
        ~ ' where processed_at > ' ~ incremental_high_water_mark()
        ~ ' union all select ' ~ to_reporting_date('previous_first_active_at')
        ~ ' from ' ~ ref('int_users__lifecycle')
        ~ ' where processed_at > ' ~ incremental_high_water_mark()
        ~ ' and previous_first_active_at > first_active_at) as touched'
    ).columns[0].values()[0] %}
{%- endif %}
{{ config(
    post_hook="{{ record_batch('int_users__active_days') }}",
    **recount_periods_config(['period_grain', 'period_start'])
) }}

with

user_days as (
    select * from {{ ref('int_users__active_days') }}
    {%- if is_incremental() %}
    where
        {%- if touched_since is none %}
        1 = 0
        {%- else %}
        {#- From the start of the earliest month (or week) a touched day is in. #}
        activity_date >= cast({{ dbt.date_trunc('month', dbt.dateadd(
            'day', -7, "cast('" ~ touched_since ~ "' as date)"
        )) }} as date)
        {%- endif %}
    {%- endif %}
),

users as (
    select * from {{ ref('int_users__lifecycle') }}
),

{%- if is_incremental() %}

touched_days as (
    select activity_date from user_days
    where processed_at > {{ incremental_high_water_mark() }}

    union all

    select {{ to_reporting_date('previous_first_active_at') }} as activity_date
    from users
    where
        processed_at > {{ incremental_high_water_mark() }}
        and previous_first_active_at > first_active_at
),

touched_periods as (
    {%- for grain in grains %}
    select distinct
        '{{ grain }}' as period_grain,
        {{ period_start(grain, 'activity_date') }} as period_start
    from touched_days
    {{ 'union all' if not loop.last }}
    {%- endfor %}
),

{%- endif %}

-- One row per period and user: which users were active when. The user_key is
-- int_users__lifecycle's, so that the join below finds each user's first activity.
periods as (
    {%- for grain in grains %}
    select
        '{{ grain }}' as period_grain,
        {{ period_start(grain, 'activity_date') }} as period_start,
        source_system,
        app_id,
        {{ record_key(['source_system', 'app_id', 'user_uuid']) }} as user_key
    from user_days
    group by
        {{ period_start(grain, 'activity_date') }},
        source_system,
        app_id,
        {{ record_key(['source_system', 'app_id', 'user_uuid']) }}
    {{ 'union all' if not loop.last }}
    {%- endfor %}
),

periods_to_count as (
    select periods.*
    from periods
    {%- if is_incremental() %}
    inner join touched_periods
        on
            periods.period_grain = touched_periods.period_grain
            and periods.period_start = touched_periods.period_start
    {%- endif %}
),

with_first_period as (
    select
        periods_to_count.period_grain,
        periods_to_count.period_start,
        periods_to_count.source_system,
        periods_to_count.app_id,
        case periods_to_count.period_grain
            {%- for grain in grains %}
            when '{{ grain }}'
                then {{ period_start(grain, to_reporting_date('users.first_active_at')) }}
            {%- endfor %}
        end as first_period_start
    from periods_to_count
    left join users
        on periods_to_count.user_key = users.user_key
),

-- Each user is one row of a period already, so counting rows counts users.
active as (
    select
        period_grain,
        period_start,
        source_system,
        app_id,
        '{{ reporting_time_zone() }}' as reporting_time_zone,
        count(*) as active_users,
        count(case when first_period_start = period_start then 1 end) as new_users,
        count(case when first_period_start < period_start then 1 end) as returning_users
    from with_first_period
    group by period_grain, period_start, source_system, app_id
)

select * from active
