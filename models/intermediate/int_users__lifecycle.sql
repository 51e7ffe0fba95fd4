{#-
    One row per user with the moments of their life that the per-user
    invariants compare: the last registration, the first password or social
    sign-in, a creation that was not a registration, the deletion, and the
    last event; and the user's first activity (a registration, sign-in or SSO
    sign-in), which active_users needs to tell new users from returning ones.
    The user grain of the invariant checks (int_invariants__users): a user's
    whole history in one row, so a run checks the users it touched without
    reading their history again. A user is the 64-bit key of their app and
    uuid (and source system) and the row holds no text, so that millions of users stay small; the
    checks look the names up for the rare violation.

    Incremental: the events validated since the last run are folded into the
    rows of the users they concern (earliest and latest moments merge by min
    and max, so the order of arrival does not matter), and those rows are
    replaced; `processed_at` says which run touched a user last.
-#}
{{ config(
    post_hook="{{ record_batch('int_audit_log__classified') }}",
    **merge_by_key_config('user_key')
) }}

with

new_events as (
    select * from {{ ref('int_audit_log__classified') }}
    where
        processed_at > {{ incremental_high_water_mark() }}
        and event_type is not null
),

new_by_user as (
    select
        {{ record_key(['source_system', 'app_id', 'user_uuid']) }} as user_key,
        count(case when event_type in {{ event_types_of('registrations') }} then 1 end)
            as registrations,
        max(case when event_type in {{ event_types_of('registrations') }} then logged_at_utc end)
            as last_registered_at,
        min(case when event_type in {{ event_types_of('sign_ins') }} then logged_at_utc end)
            as first_signed_in_at,
        min(case
            when event_type = 'entity_create' and creation_path <> 'registration'
                then creation_path
        end) as other_creation_path,
        min(case when event_type = 'entity_delete' then logged_at_utc end) as deleted_at,
        max(logged_at_utc) as last_event_at,
        min(case when event_type in {{ event_types_of('user_activity') }} then logged_at_utc end)
            as first_active_at,
        false as is_stored
    from new_events
    group by {{ record_key(['source_system', 'app_id', 'user_uuid']) }}
),

{%- if is_incremental() %}

stored as (
    select
        user_key,
        registrations,
        last_registered_at,
        first_signed_in_at,
        other_creation_path,
        deleted_at,
        last_event_at,
        first_active_at,
        true as is_stored
    from {{ this }}
    where user_key in (select new_by_user.user_key from new_by_user)
),

{%- endif %}

merged as (
    select
        user_key,
        cast(sum(registrations) as {{ dbt.type_bigint() }}) as registrations,
        max(last_registered_at) as last_registered_at,
        min(first_signed_in_at) as first_signed_in_at,
        min(other_creation_path) as other_creation_path,
        min(deleted_at) as deleted_at,
        max(last_event_at) as last_event_at,
        min(first_active_at) as first_active_at,
        min(case when is_stored then first_active_at end) as previous_first_active_at,
        {{ current_processed_at() }} as processed_at
    from (
        select * from new_by_user
        {%- if is_incremental() %}

        union all

        select * from stored
        {%- endif %}
    ) as new_and_stored
    group by user_key
)

select * from merged
