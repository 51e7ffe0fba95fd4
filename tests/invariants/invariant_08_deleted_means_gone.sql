{{ config(**invariant_test_config(8)) }}

with

events as (
    select * from {{ ref('fct_events') }}
),

deletions as (
    select
        app_id,
        user_uuid,
        min(occurred_at) as deleted_at
    from events
    where event_type = 'entity_delete'
    group by
        app_id,
        user_uuid
),

violations as (
    select
        events.event_id,
        events.event_type,
        events.user_uuid,
        'event after the user was deleted' as violation
    from events
    inner join deletions
        on
            events.app_id = deletions.app_id
            and events.user_uuid = deletions.user_uuid
    where events.occurred_at > deletions.deleted_at
)

select * from violations
