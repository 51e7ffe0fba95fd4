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
        {{ sum_event_count_where("event_type in ('signin.traditional_register', 'signin.social_register')") }}
            as registrations,
        {{ sum_event_count_where("event_type in ('signin.traditional', 'signin.social')") }}
            as sign_ins,
        {{ sum_event_count_where("event_type = 'signin.sso'") }} as sso_sign_ins
    from events_daily
    group by event_date, app_id, reporting_time_zone
)

select * from summary
