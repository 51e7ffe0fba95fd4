{{ config(**invariant_test_config(6)) }}
{%- set scope = invariant_scope() %}

with

events as (
    select * from {{ ref('fct_events') }}
    where {{ scope.is_new if scope.has_work else '1 = 0' }}
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
        and endpoint = '{{ janrain_vocabulary().replace_endpoint }}'
)

select * from violations
