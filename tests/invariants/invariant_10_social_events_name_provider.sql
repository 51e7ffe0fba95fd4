{{ config(**invariant_test_config(10)) }}
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
        'social event without an identity provider' as violation
    from events
    where
        event_type in {{ event_types_of('social') }}
        and identity_provider is null

    union all

    select
        event_id,
        event_type,
        user_uuid,
        'traditional event naming an identity provider' as violation
    from events
    where
        event_type in {{ event_types_of('traditional') }}
        and identity_provider is not null
)

select * from violations
