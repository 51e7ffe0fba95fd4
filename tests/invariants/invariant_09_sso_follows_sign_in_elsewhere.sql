{{ config(**invariant_test_config(9)) }}
{#- Checked at the grain of the SSO session in int_invariants__sso_sessions. #}

with

checks as (
    select * from {{ ref('int_invariants__sso_sessions') }}
),

violations as (
    select
        event_id,
        event_type,
        user_uuid,
        violation
    from checks
    where invariant = 9
)

select * from violations
-- depends_on: {{ ref('fct_events') }}
