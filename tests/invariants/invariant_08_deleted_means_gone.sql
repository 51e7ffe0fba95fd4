{{ config(**invariant_test_config(8)) }}
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
    where invariant = 8
)

select * from violations
-- depends_on: {{ ref('fct_events') }}
