{#-
    Canonical events per reporting day (var reporting_time_zone), source
    system, app, client, event type and every attribute the Customer Insights
    dashboards break events down by. The daily base of the dashboard marts:
    they roll up from here instead of scanning fct_events.

    Incremental: the events fct_events gained since the last run are counted
    and added to the days they fall on (late ones included); other days are
    not read (merge_counts_incrementally).
-#}
{{ config(
    materialized='incremental',
    post_hook="{{ record_batch('fct_events') }}",
    **replace_slices_config('event_date')
) }}

{%- set dimensions = [
    'event_date', 'source_system', 'app_id', 'client_id', 'event_type', 'sign_in_method', 'identity_provider',
    'channel', 'creation_path', 'update_reason', 'reporting_time_zone',
] %}

with

new_events as (
    select * from {{ ref('fct_events') }}
    where processed_at > {{ incremental_high_water_mark() }}
),

localized as (
    select
        {{ to_reporting_date('occurred_at') }} as event_date,
        source_system,
        app_id,
        client_id,
        event_type,
        sign_in_method,
        identity_provider,
        channel,
        creation_path,
        update_reason,
        '{{ reporting_time_zone() }}' as reporting_time_zone
    from new_events
),

new_counts as (
    select
        event_date,
        source_system,
        app_id,
        client_id,
        event_type,
        sign_in_method,
        identity_provider,
        channel,
        creation_path,
        update_reason,
        reporting_time_zone,
        cast(count(*) as {{ dbt.type_bigint() }}) as event_count
    from localized
    group by
        event_date,
        source_system,
        app_id,
        client_id,
        event_type,
        sign_in_method,
        identity_provider,
        channel,
        creation_path,
        update_reason,
        reporting_time_zone
),

daily as (
    {{ merge_counts_incrementally('new_counts', dimensions, ['event_count'], 'event_date') }}
)

select * from daily
