{#-
    Daily, weekly and monthly active users per app, new versus returning. One
    row per period grain (day, week starting Monday, calendar month), period
    start (reporting time zone) and app. A user is active in a period when
    they registered, signed in or arrived by SSO in it; new when their first
    activity in the log falls in the period, returning otherwise.

    Rebuilt in full from int_users__active_days (user-days, far fewer than
    events): whether a user is new depends on their first day over the whole
    history, which a late event can move.
-#}

with

user_days as (
    select * from {{ ref('int_users__active_days') }}
),

first_days as (
    select
        app_id,
        user_uuid,
        activity_date,
        min(activity_date) over (partition by app_id, user_uuid) as first_activity_date
    from user_days
),

periods as (
    {%- for grain in ['day', 'week', 'month'] %}
    select
        '{{ grain }}' as period_grain,
        {%- if grain == 'day' %}
        activity_date as period_start,
        first_activity_date as first_period_start,
        {%- else %}
        cast({{ dbt.date_trunc(grain, 'activity_date') }} as date) as period_start,
        cast({{ dbt.date_trunc(grain, 'first_activity_date') }} as date) as first_period_start,
        {%- endif %}
        app_id,
        user_uuid
    from first_days
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

active as (
    select
        period_grain,
        period_start,
        app_id,
        '{{ reporting_time_zone() }}' as reporting_time_zone,
        count(distinct user_uuid) as active_users,
        count(distinct case when first_period_start = period_start then user_uuid end)
            as new_users,
        count(distinct case when first_period_start < period_start then user_uuid end)
            as returning_users
    from periods
    group by period_grain, period_start, app_id
)

select * from active
