{#-
    The invariant checks at the grain of one user, over the user's whole
    history as int_users__lifecycle keeps it in one row:

    - invariant 3: a user created by a bulk import, an API-only or a console
      creation has no registration event;
    - invariant 4: no password or social sign-in before the user's
      registration;
    - invariant 8: nothing happens to a user after their deletion.

    One row per violation, per user. Scoped to the users this run touched
    (all of them with `invariant_scope: all`): a late record is compared with
    everything the user did before or after, whenever it arrives. The app and
    uuid of a violating user are looked up among their events. Like the other
    check models, upstream of fct_events, so that a violation stops what is
    built on it.
-#}
{%- set scope = invariant_scope() %}

with

users as (
    select * from {{ ref('int_users__lifecycle') }}
    where {{ scope.is_new if scope.has_work else '1 = 0' }}
),

violating_users as (
    select
        3 as invariant,
        user_key,
        'registration event for a user created by ' || other_creation_path as violation
    from users
    where registrations > 0 and other_creation_path is not null

    union all

    select
        4 as invariant,
        user_key,
        'sign-in before the user registered' as violation
    from users
    where first_signed_in_at < last_registered_at

    union all

    select
        8 as invariant,
        user_key,
        'event after the user was deleted' as violation
    from users
    where last_event_at > deleted_at
),

-- The names of the violating users (nothing is read when there are none).
user_names as (
    select distinct
        violating_users.user_key,
        validated.source_system,
        validated.app_id,
        validated.user_uuid
    from violating_users
    inner join {{ ref('int_audit_log__classified') }} as validated
        on violating_users.user_key = {{ record_key(
            ['validated.source_system', 'validated.app_id', 'validated.user_uuid']
        ) }}
    where validated.event_type is not null
),

violations as (
    select
        violating_users.invariant,
        cast(null as {{ dbt.type_string() }}) as event_id,
        user_names.source_system,
        cast(null as {{ dbt.type_string() }}) as event_type,
        user_names.app_id,
        user_names.user_uuid,
        violating_users.violation
    from violating_users
    inner join user_names
        on violating_users.user_key = user_names.user_key
)

select * from violations
