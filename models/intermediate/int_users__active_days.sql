{#-
    One row per user and reporting day on which the user was active: had a
    registration, sign-in or SSO sign-in (a signin.* event). A user is a
    source system, an app and a user_uuid. Profile writes by back ends and
    agents are not user activity. The base of active_users.

    Incremental: the user-days of the events fct_events gained since the last
    run, minus those already stored, are appended; a late event adds its day
    if it is new.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    tags=['dashboards'],
    post_hook="{{ record_batch('fct_events') }}",
) }}

{%- set mark = incremental_high_water_mark() %}
{#- The earliest day among the new events, as a literal, so that the stored
    side is read from that day on (row-group statistics skip the rest) and
    not at all on a run that brought nothing. -#}
{%- set first_new_day = none %}
{%- if execute and is_incremental() %}
    {%- set first_new_day = run_query(
        'select min(' ~ to_reporting_date('occurred_at') ~ ') from ' ~ ref('fct_events')
        ~ ' where processed_at > ' ~ mark
        ~ ' and event_type in ' ~ event_types_of('user_activity')
    ).columns[0].values()[0] %}
{%- endif %}

with

new_sign_in_events as (
    select * from {{ ref('fct_events') }}
    where
        processed_at > {{ mark }}
        and event_type in {{ event_types_of('user_activity') }}
),

new_user_days as (
    select distinct
        source_system,
        app_id,
        user_uuid,
        {{ to_reporting_date('occurred_at') }} as activity_date
    from new_sign_in_events
),

stored_user_days as (
    {%- if is_incremental() %}
    select
        source_system,
        app_id,
        user_uuid,
        activity_date
    from {{ this }}
    {%- if first_new_day is none %}
    where 1 = 0
    {%- else %}
    where activity_date >= cast('{{ first_new_day }}' as date)
    {%- endif %}
    {%- else %}
    select
        source_system,
        app_id,
        user_uuid,
        activity_date
    from new_user_days
    where 1 = 0
    {%- endif %}
),

unseen_user_days as (
    select
        new_user_days.*,
        {{ current_processed_at() }} as processed_at
    from new_user_days
    left join stored_user_days
        on
            new_user_days.source_system = stored_user_days.source_system
            and new_user_days.app_id = stored_user_days.app_id
            and new_user_days.user_uuid = stored_user_days.user_uuid
            and new_user_days.activity_date = stored_user_days.activity_date
    where stored_user_days.user_uuid is null
)

select * from unseen_user_days
