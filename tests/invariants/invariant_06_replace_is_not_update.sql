{{ config(**invariant_test_config(6)) }}
{%- set scope = invariant_scope() %}

with

events as {{ inline_cte() }} (
    select * from {{ ref('fct_events') }}
    {%- if not scope.full %}
    where {{ scope.is_new }}
    {%- endif %}
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
