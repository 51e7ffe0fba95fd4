{#-
    The Event summary dashboard, per day: registrations, sign-ins and SSO
    sign-ins per app and reporting day (var reporting_time_zone). Rolled up
    from events_daily and rebuilt in full (days x apps rows).
-#}

with

events_daily as (
    select * from {{ ref('events_daily') }}
),

summary as (
    select
        event_date,
        app_id,
        reporting_time_zone,
        {%- for measure in ['registrations', 'sign_ins', 'sso_sign_ins'] %}
        {{ sum_event_count_where('event_type in ' ~ event_types_of(measure)) }} as {{ measure }}
        {{- "," if not loop.last }}
        {%- endfor %}
    from events_daily
    group by event_date, app_id, reporting_time_zone
)

select * from summary
