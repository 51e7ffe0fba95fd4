{{ config(**invariant_test_config(1)) }}
{%- set scope = invariant_scope() %}

with

events as {{ inline_cte() }} (
    select * from {{ ref('fct_events') }}
    where {{ scope.is_new if scope.has_work else '1 = 0' }}
),

duplicated_keys as (
    select event_key
    from events
    group by event_key
    having count(*) > 1
),

violations as (
    select
        event_id,
        event_type,
        'event_type is not one of the eight canonical types' as violation
    from events
    where
        event_type is null
        or event_type not in {{ sql_string_list(janrain_vocabulary().event_types) }}

    union all

    select
        event_id,
        event_type,
        'event_id is missing' as violation
    from events
    where event_id is null or event_key is null

    union all

    select
        events.event_id,
        events.event_type,
        'event_id is not unique' as violation
    from events
    inner join duplicated_keys
        on events.event_key = duplicated_keys.event_key

    union all

    select
        event_id,
        event_type,
        'occurred_at (UTC) is missing' as violation
    from events
    where occurred_at is null

    union all

    select
        event_id,
        event_type,
        'user_uuid is missing' as violation
    from events
    where user_uuid is null

    union all

    select
        event_id,
        event_type,
        'source_system or is_derived is missing' as violation
    from events
    where source_system is null or is_derived is null
)

select * from violations
