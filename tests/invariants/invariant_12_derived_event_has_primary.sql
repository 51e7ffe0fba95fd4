{{ config(**invariant_test_config(12)) }}
{%- set scope = invariant_scope() %}

{#-
    sources.md 5, invariant 12: a derived event (an Auth0 or Keycloak
    registration's profile creation, a sign-in's login update) has its
    primary in fct_events: the event whose event_id is its source_log_id,
    not derived, of the same source, user, app, client and time, of a type
    that derives it (a registration derives entity_create, a sign-in
    entity_update); and a primary has at most one derived event.
-#}

with

derived as {{ inline_cte() }} (
    select * from {{ ref('fct_events') }}
    where is_derived and {{ scope.is_new if scope.has_work else '1 = 0' }}
),

primaries as (
    select * from {{ ref('fct_events') }}
    where
        not is_derived
        and source_log_id in (select derived.source_log_id from derived)
),

matched as (
    select
        derived.event_id,
        derived.event_type,
        derived.source_system,
        derived.source_log_id,
        primaries.event_id as primary_event_id,
        case
            when primaries.event_id is null then 'derived event without its primary event'
            when not (
                {{ null_safe_equals('primaries.user_uuid', 'derived.user_uuid') }}
                and {{ null_safe_equals('primaries.app_id', 'derived.app_id') }}
                and {{ null_safe_equals('primaries.client_id', 'derived.client_id') }}
                and primaries.occurred_at = derived.occurred_at
            ) then 'derived event differs from its primary in user, app, client or time'
            when not (
                (
                    derived.event_type = 'entity_create'
                    and primaries.event_type in {{ event_types_of('registrations') }}
                )
                or (
                    derived.event_type = 'entity_update'
                    and primaries.event_type in {{ event_types_of('all_sign_ins') }}
                )
            ) then 'derived event of a type its primary does not yield'
        end as violation
    from derived
    left join primaries
        on
            derived.source_system = primaries.source_system
            and derived.source_log_id = primaries.event_id
),

several as (
    select
        source_system,
        source_log_id
    from derived
    group by source_system, source_log_id
    having count(*) > 1
),

violations as (
    select
        event_id,
        event_type,
        violation
    from matched
    where violation is not null

    union all

    select
        derived.event_id,
        derived.event_type,
        'primary event with more than one derived event' as violation
    from derived
    inner join several
        on
            derived.source_system = several.source_system
            and derived.source_log_id = several.source_log_id
)

select * from violations
