{#-
    Failed sign-ins (records excluded as `failed_signin`, which are not
    Customer Insights events) per reporting day, source system, app, API
    client, the platform's failure reason and whether the account was known.

    Incremental like events_daily, from audit_log_excluded.
-#}
{{ config(
    materialized='incremental',
    post_hook="{{ record_batch('audit_log_excluded') }}",
    **replace_slices_config('event_date')
) }}

{%- set dimensions = [
    'event_date', 'source_system', 'app_id', 'client_id', 'failure_reason', 'is_known_user', 'reporting_time_zone',
] %}

with

new_failures as (
    select * from {{ ref('audit_log_excluded') }}
    where
        processed_at > {{ incremental_high_water_mark() }}
        and exclusion_reason = 'failed_signin'
),

localized as (
    select
        {{ to_reporting_date('logged_at') }} as event_date,
        source_system,
        app_id,
        client_id,
        coalesce(failure_reason, 'unspecified') as failure_reason,
        event_name = 'authenticationFailedKnownUser' as is_known_user,
        '{{ reporting_time_zone() }}' as reporting_time_zone
    from new_failures
),

new_counts as (
    select
        event_date,
        source_system,
        app_id,
        client_id,
        failure_reason,
        is_known_user,
        reporting_time_zone,
        cast(count(*) as {{ dbt.type_bigint() }}) as failed_sign_ins
    from localized
    group by
        event_date,
        source_system,
        app_id,
        client_id,
        failure_reason,
        is_known_user,
        reporting_time_zone
),

daily as (
    {{ merge_counts_incrementally('new_counts', dimensions, ['failed_sign_ins'], 'event_date') }}
)

select * from daily
