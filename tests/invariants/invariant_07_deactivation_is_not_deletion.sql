{{ config(**invariant_test_config(7)) }}
{%- set scope = invariant_scope() %}

with

events as (
    select * from {{ ref('fct_events') }}
    where {{ scope.is_new if scope.has_work else '1 = 0' }}
),

-- Janrain: a write that changes deactivateAccount; Auth0 and Keycloak: an
-- update of a user through the Management API or the admin API, which is
-- where (de)activations are logged (sources.md 3.2 row 4, 4.2).
deactivate_account_changes as (
    select * from events
    where
        {{ dbt.concat(["'|'", "changed_attributes", "'|'"]) }} like '%|deactivateAccount|%'
        or (
            source_system = 'auth0' and endpoint like 'PATCH /api/v2/users/{id}%'
        )
        or (source_system = 'keycloak' and endpoint = 'UPDATE users/{id}')
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
    where
        event_type = 'entity_delete'
        or (
            source_system = 'janrain'
            and not (
                event_type = 'entity_update'
                and update_reason in ('deactivation', 'reactivation')
            )
        )
)

select * from violations
