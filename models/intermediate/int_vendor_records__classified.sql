{#-
    Auth0 and Keycloak records classified (sources.md sections 2-4): one row
    per good vendor record, with its canonical event type or the reason it
    is excluded, the attributes reporting slices by, and the type of the
    event it derives (`entity_create` for a registration, `entity_update` for
    a sign-in; sources.md 2.3).

    Janrain records say what they are by themselves (staging classifies
    them); a vendor record often needs the other records of its user: a
    sign-up's own sign-in, an earlier use of the same session, a Management
    API call logged twice, the enabled state an admin update changes. Every
    such rule compares records of one user (source, app, user), so each run
    reads, besides its new records, only the stored records of the users
    they name, and classifies the new ones. A record is classified once, by
    what the target had read by then; a full build is the reference.

    Incremental: appends the records validation added since this model's
    high-water mark, which moves in the same transaction.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='append_new_columns',
    post_hook="{{ record_batch('int_audit_log__validated') }}",
) }}
{%- set mark = incremental_high_water_mark() %}
{%- set window = pairing_window_seconds() %}
{%- set user_key = ['source_system', 'app_id', 'user_uuid'] %}
{%- set earlier_first = 'logged_at_utc, log_id' %}

with

good_vendor_records as {{ inline_cte() }} (
    select * from {{ ref('int_audit_log__validated') }}
    where
        reject_reason is null
        and source_system <> 'janrain'
        {%- if not vendor_sources() %}
        and 1 = 0
        {%- endif %}
),

new_records as (
    select * from good_vendor_records
    where processed_at > {{ mark }}
),

-- The new records and every stored record of their users: all that the
-- rules compare a record with.
records as (
    select good_vendor_records.*
    from good_vendor_records
    where
        exists (
            select 1
            from new_records
            where
                new_records.source_system = good_vendor_records.source_system
                and new_records.app_id = good_vendor_records.app_id
                and new_records.user_uuid = good_vendor_records.user_uuid
        )

    union all

    select * from new_records
    where user_uuid is null
),

-- Auth0: a Management API creation, deletion or update of the same user
-- within W of a record that may be its second trace (3.3 rows 1, 1a, 14;
-- 3.2 row 5).
traces_nearby as (
    select
        subjects.record_key,
        max(case when other_records.record_class = 'user_create' then 1 else 0 end) = 1
            as has_creation_near,
        max(case when other_records.record_class = 'delete' then 1 else 0 end) = 1
            as has_delete_near,
        max(case when other_records.record_class = 'user_update' then 1 else 0 end) = 1
            as has_update_near
    from records as subjects
    inner join records as other_records
        on
            {%- for column in user_key %}
            subjects.{{ column }} = other_records.{{ column }} and
            {%- endfor %}
            subjects.record_key <> other_records.record_key
            and {{ within_pairing_window('subjects.logged_at_utc', 'other_records.logged_at_utc') }}
    where
        subjects.source_system = 'auth0'
        and subjects.record_class in (
            'registration', 'console_registration', 'user_delete', 'profile_change'
        )
        and other_records.record_class in ('user_create', 'delete', 'user_update')
    group by subjects.record_key
),

flagged as (
    select
        records.*,
        coalesce(traces_nearby.has_creation_near, false) as has_creation_near,
        coalesce(traces_nearby.has_delete_near, false) as has_delete_near,
        coalesce(traces_nearby.has_update_near, false) as has_update_near,
        -- A registration record: Auth0 3.3 rows 2-3 (not an echo), Keycloak REGISTER.
        records.record_class = 'registration'
        and not coalesce(traces_nearby.has_creation_near, false)
            as is_registration_record
    from records
    left join traces_nearby on records.record_key = traces_nearby.record_key
),

-- A sign-in and the registration it belongs to (Auth0 row 4, Keycloak row 8):
-- a registration of the user on the same client at or before it, and the
-- sign-in within W after it, or (Auth0) a first login with an authenticate
-- prompt, or (Keycloak) the first sign-in in the registration's session.
registration_candidates as (
    select
        sign_ins.record_key as sign_in_key,
        registrations.record_key as registration_key,
        registrations.logged_at_utc as registered_at,
        registrations.log_id as registration_log_id,
        sign_ins.logged_at_utc <= {{ dbt.dateadd('second', window, 'registrations.logged_at_utc') }}
            as is_within_window,
        (
            sign_ins.source_system = 'auth0'
            and sign_ins.logins_count = 1
            and sign_ins.has_authenticate_prompt
        ) as is_first_login,
        case
            when
                sign_ins.source_system = 'keycloak'
                and registrations.sso_session_id is not null
                and sign_ins.sso_session_id = registrations.sso_session_id
                then row_number() over (
                    partition by
                        registrations.record_key,
                        sign_ins.source_system = 'keycloak'
                        and registrations.sso_session_id is not null
                        and sign_ins.sso_session_id = registrations.sso_session_id
                    order by sign_ins.logged_at_utc, sign_ins.log_id
                )
        end as session_sign_in_rank
    from flagged as sign_ins
    inner join flagged as registrations
        on
            {%- for column in user_key %}
            sign_ins.{{ column }} = registrations.{{ column }} and
            {%- endfor %}
            sign_ins.client_id = registrations.client_id
            and registrations.is_registration_record
            and sign_ins.logged_at_utc >= registrations.logged_at_utc
    where sign_ins.record_class = 'sign_in'
),

own_registrations as (
    select
        sign_in_key,
        registration_key,
        row_number() over (
            partition by sign_in_key order by registered_at desc, registration_log_id desc
        ) as registration_rank
    from registration_candidates
    where is_within_window or is_first_login or session_sign_in_rank = 1
),

-- Session predecessors (2.4): the earlier records of the user in the same
-- session that open or use it (sign-ins, registrations, and with
-- auth0_silent_auth_is_sso silent authentications). The earliest record
-- of each client in a session is never a session reuse, so "an earlier one
-- on the same client" and "an earlier one on another client" can be
-- counted without classifying the earlier records first.
session_records as (
    select
        record_key,
        row_number() over (
            partition by source_system, app_id, user_uuid, sso_session_id
            order by {{ earlier_first }}
        ) as session_position,
        row_number() over (
            partition by source_system, app_id, user_uuid, sso_session_id, client_id
            order by {{ earlier_first }}
        ) as client_position
    from flagged
    where
        sso_session_id is not null
        and (
            record_class = 'sign_in'
            or is_registration_record
            {%- if var('auth0_silent_auth_is_sso', false) %}
            or record_class = 'silent_auth'
            {%- endif %}
        )
),

-- Auth0 row 7: an earlier sign-up or creation of the user; Keycloak 4.2: the
-- user's enabled state before each admin record (enabled before any). The
-- latest earlier state-setting record is found as the largest of
-- position * 10 + its kind, so no engine needs `ignore nulls`.
user_history as (
    select
        record_key,
        max(
            case
                when
                    record_class in ('registration', 'console_registration', 'user_create')
                    then 1
                else 0
            end
        ) over (
            partition by source_system, app_id, user_uuid
            order by {{ earlier_first }}
            rows between unbounded preceding and 1 preceding
        ) as had_creation,
        row_number() over (
            partition by source_system, app_id, user_uuid order by {{ earlier_first }}
        ) as user_position
    from flagged
),

state_kinds as (
    select
        flagged.record_key,
        flagged.source_system,
        flagged.app_id,
        flagged.user_uuid,
        flagged.logged_at_utc,
        flagged.log_id,
        user_history.user_position,
        -- 1 created disabled, 2 created enabled, 3 enabled, 4 disabled
        case
            when
                flagged.record_class in ('bulk_create', 'user_create')
                and flagged.account_enabled = false
                then 1
            when flagged.record_class in ('bulk_create', 'user_create') then 2
            when flagged.record_class = 'user_update' and flagged.account_enabled = true then 3
            when flagged.record_class = 'user_update' and flagged.account_enabled = false then 4
        end as state_kind
    from flagged
    inner join user_history on flagged.record_key = user_history.record_key
    where flagged.source_system = 'keycloak'
),

states as (
    select
        record_key,
        max(case when state_kind is not null then user_position * 10 + state_kind end) over earlier
            as last_setting,
        max(case when state_kind in (1, 2, 3) then user_position * 10 + state_kind end) over earlier
            as last_enabling
    from state_kinds
    window earlier as (
        partition by source_system, app_id, user_uuid
        order by {{ earlier_first }}
        rows between unbounded preceding and 1 preceding
    )
),

classified as (
    select
        flagged.*,
        own_registrations.registration_key as own_registration_key,
        coalesce(session_records.client_position > 1, false) as has_same_client_predecessor,
        coalesce(session_records.session_position > session_records.client_position, false)
            as has_other_client_predecessor,
        coalesce(user_history.had_creation = 1, false) as has_earlier_creation,
        case
            when states.last_setting is null then 'enabled'
            when mod(states.last_setting, 10) = 1 then 'created_disabled'
            when mod(states.last_setting, 10) in (2, 3) then 'enabled'
            when mod(states.last_enabling, 10) = 1 then 'created_disabled'
            else 'deactivated'
        end as state_before
    from flagged
    left join own_registrations
        on
            flagged.record_key = own_registrations.sign_in_key
            and own_registrations.registration_rank = 1
    left join session_records on flagged.record_key = session_records.record_key
    left join user_history on flagged.record_key = user_history.record_key
    left join states on flagged.record_key = states.record_key
),

outcomes as (
    select
        *,
        case source_system
            when 'auth0' then {{ classify_auth0_event(
                'record_class', 'row_exclusion_reason', 'is_social', 'coalesce(has_authenticate_prompt, false)',
                'logins_count', 'has_creation_near', 'own_registration_key is not null',
                'has_same_client_predecessor', 'has_earlier_creation', 'has_delete_near', 'has_update_near'
            ) }}
            else {{ classify_keycloak_event(
                'record_class', 'row_exclusion_reason', 'is_social', 'own_registration_key is not null',
                'has_same_client_predecessor', 'has_other_client_predecessor'
            ) }}
        end as outcome
    from classified
),

-- A registration's own sign-ins: the earliest gives it its session (and a
-- social one without a provider, the provider) and, on Auth0, says it was
-- signed up through the login page.
first_own_sign_ins as (
    select
        own_registrations.registration_key,
        sign_ins.sso_session_id,
        sign_ins.identity_provider,
        row_number() over (
            partition by own_registrations.registration_key
            order by sign_ins.logged_at_utc, sign_ins.log_id
        ) as sign_in_rank
    from own_registrations
    inner join outcomes as sign_ins on own_registrations.sign_in_key = sign_ins.record_key
    where own_registrations.registration_rank = 1 and sign_ins.outcome = 'registration_sign_in'
),

attributed as (
    select
        outcomes.record_key,
        outcomes.source_system,
        outcomes.record_class,
        outcomes.outcome,
        outcomes.is_social,
        outcomes.is_console,
        outcomes.is_direct_grant,
        outcomes.account_enabled,
        outcomes.state_before,
        coalesce(outcomes.sso_session_id, first_own_sign_ins.sso_session_id) as sso_session_id,
        coalesce(outcomes.identity_provider, first_own_sign_ins.identity_provider)
            as identity_provider,
        first_own_sign_ins.registration_key is not null as has_own_sign_in
    from outcomes
    left join first_own_sign_ins
        on
            outcomes.record_key = first_own_sign_ins.registration_key
            and first_own_sign_ins.sign_in_rank = 1
    where exists (
        select 1 from new_records
        where new_records.record_key = outcomes.record_key
    )
),

final as (
    select
        record_key,
        source_system,
        case
            when outcome in {{ sql_string_list(janrain_vocabulary().event_types) }} then outcome
        end as event_type,
        case
            when outcome not in {{ sql_string_list(janrain_vocabulary().event_types) }} then outcome
        end
            as exclusion_reason,
        case
            {%- for method, types in var('sign_in_methods').items() %}
            when outcome in {{ sql_string_list(types) }} then '{{ method }}'
            {%- endfor %}
        end as sign_in_method,
        {{ vendor_channel(
            'source_system', 'record_class', 'outcome', 'is_console', 'is_direct_grant', 'has_own_sign_in'
        ) }} as channel,
        case
            when outcome <> 'entity_create' then null
            when record_class = 'bulk_create' then 'bulk_import'
            when record_class = 'console_registration' then 'console'
            when is_console then 'console'
            else 'api_only'
        end as creation_path,
        case
            when outcome <> 'entity_update' then null
            when record_class = 'user_update' and source_system = 'auth0'
                then
                    case
                        when account_enabled = false then 'deactivation' when
                            account_enabled = true
                            then 'reactivation'
                        else 'profile_edit'
                    end
            when
                record_class = 'user_update'
                then {{ classify_keycloak_admin_update('account_enabled', 'state_before') }}
            else 'profile_edit'
        end as update_reason,
        case
            when outcome in {{ event_types_of('social') }} then identity_provider
        end as identity_provider,
        sso_session_id,
        case
            when outcome in {{ event_types_of('registrations') }} then 'entity_create'
            when outcome in {{ event_types_of('all_sign_ins') }} then 'entity_update'
        end as derived_event_type,
        {{ current_processed_at() }} as processed_at
    from attributed
)

select * from final
