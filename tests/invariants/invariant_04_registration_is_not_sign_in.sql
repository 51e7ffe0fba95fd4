{{ config(**invariant_test_config(4)) }}
{%- set scope = invariant_scope() %}
{#-
    Three ways a registration's own sign-in shows up as a sign-in: before the
    registration (per user, in int_invariants__users), within W after it on
    its channel (per request, in int_invariants__event_pairs), or reported
    from a register endpoint (per event, here).
#}

with

user_checks as (
    select * from {{ ref('int_invariants__users') }}
),

request_checks as (
    select * from {{ ref('int_invariants__event_pairs') }}
),

new_sign_ins as (
    select * from {{ ref('fct_events') }}
    where
        event_type in {{ event_types_of('sign_ins') }}
        and {{ scope.is_new if scope.has_work else '1 = 0' }}
),

violations as (
    select
        event_id,
        event_type,
        user_uuid,
        violation
    from user_checks
    where invariant = 4

    union all

    select
        event_id,
        event_type,
        user_uuid,
        violation
    from request_checks
    where invariant = 4

    union all

    select
        event_id,
        event_type,
        user_uuid,
        'sign-in reported from a registration endpoint' as violation
    from new_sign_ins
    where endpoint in {{ sql_string_list(janrain_vocabulary().register_endpoints) }}
)

select * from violations
