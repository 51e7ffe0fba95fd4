{{ config(**invariant_test_config(8)) }}
{%- set scope = invariant_scope() %}
{#-
    Deletions are looked up over the whole history (few rows). On incremental
    runs the events judged are the newest batch's, and, for a newly arrived
    deletion, the events later than the earliest new deletion.
#}

with

deletions as (
    select
        app_id,
        user_uuid,
        min(occurred_at) as deleted_at
    from {{ ref('fct_events') }}
    where event_type = 'entity_delete'
    group by
        app_id,
        user_uuid
),

events as {{ inline_cte() }} (
    select * from {{ ref('fct_events') }}
    {%- if not scope.full %}
    where
        {{ scope.is_new }}
        or occurred_at > (
            select min(new_deletions.occurred_at)
            from {{ ref('fct_events') }} as new_deletions
            where
                new_deletions.event_type = 'entity_delete'
                and new_deletions.{{ scope.is_new }}
        )
    {%- endif %}
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
