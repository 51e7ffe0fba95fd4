{{ config(**invariant_test_config(7)) }}
{%- set scope = invariant_scope() %}

with

events as (
    select * from {{ ref('fct_events') }}
    where {{ scope.is_new if scope.has_work else '1 = 0' }}
),

deactivate_account_changes as (
    select * from events
    where {{ dbt.concat(["'|'", "changed_attributes", "'|'"]) }} like '%|deactivateAccount|%'
),

violations as (
    select
        event_id,
        event_type,
        user_uuid,
        case
            when event_type = 'entity_delete'
                then 'entity_delete from a deactivateAccount change'
            else 'deactivateAccount change not counted as a deactivation or reactivation update'
        end as violation
    from deactivate_account_changes
    where not (
        event_type = 'entity_update'
        and update_reason in ('deactivation', 'reactivation')
    )
)

select * from violations
