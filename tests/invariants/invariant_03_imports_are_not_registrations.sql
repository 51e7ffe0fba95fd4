{{ config(**invariant_test_config(3)) }}
{#- Checked at the user's grain, over their whole history, in int_invariants__users. #}

with

checks as (
    select * from {{ ref('int_invariants__users') }}
),

violations as (
    select
        app_id,
        user_uuid,
        violation
    from checks
    where invariant = 3
)

select * from violations
-- depends_on: {{ ref('fct_events') }}
