{{ config(**invariant_test_config(6)) }}

with

events as (
    select * from {{ ref('fct_events') }}
),

violations as (
    select
        event_id,
        event_type,
        user_uuid,
        'entity_update from /entity.replace' as violation
    from events
    where
        event_type = 'entity_update'
        and endpoint = '/entity.replace'
)

select * from violations
