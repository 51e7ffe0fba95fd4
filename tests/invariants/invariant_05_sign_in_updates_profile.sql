{{ config(**invariant_test_config(5)) }}
{#- The pairs are checked at their grain in int_invariants__event_pairs. #}

with

checks as (
    select * from {{ ref('int_invariants__event_pairs') }}
),

violations as (
    select
        event_id,
        event_type,
        user_uuid,
        violation
    from checks
    where invariant = 5
)

select * from violations
-- depends_on: {{ ref('fct_events') }}
