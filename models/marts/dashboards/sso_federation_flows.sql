{#-
    SSO federation flows: for every signin.sso, the site (API client) where
    its SSO session began, i.e. the first interactive sign-in or registration
    of the session within a late-arrival window of the hop, and the site the
    user was carried to; counted per reporting day, source system and app (a
    session never spans two sources). origin_client_id is null when no
    sign-in of the session is within that window (invariant 9 makes that
    rare; it looks back as far).

    Incremental by day: a run recounts the days of its new SSO sign-ins, and
    the days of the SSO sign-ins whose session gained a sign-in that may
    have opened it (a late record can change a hop's origin). A recount reads
    only the session events of a band around the new ones.
-#}
{%- set late_hours = var('late_arrival_window_hours') | int %}
{%- set new_span = none %}
{%- if execute and is_incremental() %}
    {%- set new_span = run_query(
        'select min(occurred_at), max(occurred_at) from ' ~ ref('fct_events')
        ~ ' where processed_at > ' ~ incremental_high_water_mark()
        ~ ' and sso_session_id is not null'
    ).rows[0] %}
{%- endif %}
{{ config(
    materialized='incremental',
    post_hook="{{ record_batch('fct_events') }}",
    **replace_slices_config('event_date')
) }}
{%- set interactive = event_types_of('interactive_sign_ins') %}
{%- set sso = event_types_of('sso_sign_ins') %}
{#- On an incremental run: the hops of the touched days, and the sign-ins around them. #}
{%- set band = 'true' if not is_incremental() else 'false' if new_span[0] is none
    else 'occurred_at between ' ~ dbt.dateadd('hour', -2 * late_hours - 48,
        "cast('" ~ new_span[0] ~ "' as " ~ dbt.type_timestamp() ~ ")")
    ~ ' and ' ~ dbt.dateadd('hour', 2 * late_hours + 48,
        "cast('" ~ new_span[1] ~ "' as " ~ dbt.type_timestamp() ~ ")") %}

with

session_events as (
    select
        event_key,
        source_system,
        app_id,
        sso_session_id,
        client_id,
        event_type,
        occurred_at,
        processed_at,
        {{ to_reporting_date('occurred_at') }} as event_date
    from {{ ref('fct_events') }}
    where
        sso_session_id is not null
        and (event_type in {{ sso }} or event_type in {{ interactive }})
        and {{ band }}
),

openers as (
    select * from session_events
    where event_type in {{ interactive }}
),

hops as (
    select * from session_events
    where event_type in {{ sso }}
),

{%- if is_incremental() %}

new_events as (
    select * from session_events
    where processed_at > {{ incremental_high_water_mark() }}
),

touched_dates as (
    select event_date from new_events
    where event_type in {{ sso }}

    union

    -- hops whose origin a new sign-in may have become
    select hops.event_date
    from hops
    inner join new_events as new_openers
        on
            hops.source_system = new_openers.source_system
            and hops.app_id = new_openers.app_id
            and hops.sso_session_id = new_openers.sso_session_id
            and new_openers.event_type in {{ interactive }}
            and {{ within_late_window('new_openers.occurred_at', 'hops.occurred_at', late_hours) }}
),

hops_to_count as (
    select hops.*
    from hops
    where hops.event_date in (select touched_dates.event_date from touched_dates)
),

{%- else %}

hops_to_count as (
    select * from hops
),

{%- endif %}

ranked_origins as (
    select
        hops_to_count.event_key,
        openers.client_id as origin_client_id,
        row_number() over (
            partition by hops_to_count.event_key
            order by openers.occurred_at, openers.client_id
        ) as origin_rank
    from hops_to_count
    inner join openers
        on
            hops_to_count.source_system = openers.source_system
            and hops_to_count.app_id = openers.app_id
            and hops_to_count.sso_session_id = openers.sso_session_id
            and {{ within_late_window(
                'hops_to_count.occurred_at', 'openers.occurred_at', late_hours
            ) }}
),

sso_hops as (
    select
        hops_to_count.event_date,
        hops_to_count.source_system,
        hops_to_count.app_id,
        hops_to_count.client_id as destination_client_id,
        ranked_origins.origin_client_id
    from hops_to_count
    left join ranked_origins
        on
            hops_to_count.event_key = ranked_origins.event_key
            and ranked_origins.origin_rank = 1
),

flows as (
    select
        event_date,
        source_system,
        app_id,
        origin_client_id,
        destination_client_id,
        '{{ reporting_time_zone() }}' as reporting_time_zone,
        count(*) as sso_sign_ins
    from sso_hops
    group by
        event_date,
        source_system,
        app_id,
        origin_client_id,
        destination_client_id
)

select * from flows
