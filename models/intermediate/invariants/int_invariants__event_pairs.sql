{#-
    The invariant checks at the grain of one action's records, which the
    platform writes seconds apart for the same user, client and endpoint:

    - invariant 2: a registration has exactly one profile creation (creation
      path `registration`) within W, and such a creation has its registration;
    - invariant 5: a sign-in (traditional, social, SSO) has its last-login
      profile update within W, and such an update has its sign-in;
    - invariant 4, the same request: no password or social sign-in within W
      after a registration of the user on the registration's channel.

    One row per violation (empty when the log keeps its rules); the
    invariant tests select their own rows from here. Scoped by run_limits
    (invariant_scope): the pairs of 2 and 5 are judged once their
    late-arrival window has passed, the sign-ins of 4 as they arrive, and
    partners are looked for only in the band of the history around them.
    Reads validation's events directly: fct_events waits for this model, so
    that its invariant tests stop everything built on it.
-#}
{%- set scope = invariant_scope() %}
{%- set window = pairing_window_seconds() %}
{%- set roles = {
    'registration': 'registration_creation',
    'registration_creation': 'registration',
    'sign_in': 'login_update',
    'login_update': 'sign_in',
} %}

with

validated_events as (
    select
        *,
        logged_at_utc as occurred_at
    from {{ ref('int_audit_log__validated') }}
),

events as (
    select * from validated_events
    where
        event_type is not null
        {%- if scope.has_work %}
        and {{ scope.near }}
        {%- else %}
        and 1 = 0
        {%- endif %}
),

paired_roles as (
    select
        {{ record_id('log_id', 'record_key') }} as event_id,
        record_key,
        event_type,
        app_id,
        user_uuid,
        channel,
        occurred_at,
        {{ record_key(['app_id', 'user_uuid', 'client_id', 'endpoint']) }} as request_key,
        {{ record_key(['app_id', 'user_uuid', 'channel']) }} as channel_key,
        case
            when event_type in {{ event_types_of('registrations') }} then 'registration'
            when event_type = 'entity_create' and creation_path = 'registration'
                then 'registration_creation'
            when event_type in {{ event_types_of('all_sign_ins') }} then 'sign_in'
            when event_type = 'entity_update' and update_reason = 'login' then 'login_update'
        end as pair_role,
        {{ scope.is_due }} as is_due,
        {{ scope.is_new }} as is_new
    from events
),

roles as (
    select
        *,
        case pair_role
            {%- for role, partner in roles.items() %}
            when '{{ role }}' then '{{ partner }}'
            {%- endfor %}
        end as partner_role
    from paired_roles
    where pair_role is not null
),

partner_counts as (
    select
        subjects.event_id,
        subjects.event_type,
        subjects.app_id,
        subjects.user_uuid,
        subjects.pair_role,
        count(partners.record_key) as partners
    from roles as subjects
    left join roles as partners
        on
            subjects.request_key = partners.request_key
            and subjects.partner_role = partners.pair_role
            and {{ within_pairing_window('subjects.occurred_at', 'partners.occurred_at') }}
    where subjects.is_due
    group by
        subjects.event_id,
        subjects.event_type,
        subjects.app_id,
        subjects.user_uuid,
        subjects.pair_role
),

unpaired as (
    select
        case when pair_role in ('registration', 'registration_creation') then 2 else 5 end
            as invariant,
        event_id,
        event_type,
        app_id,
        user_uuid,
        case pair_role
            when 'registration' then case
                when partners = 0 then 'registration without its profile creation'
                else 'registration with more than one profile creation'
            end
            when 'registration_creation'
                then 'profile creation from a registration without its registration event'
            when 'sign_in' then 'sign-in without its last-login profile update'
            else 'last-login profile update without its sign-in'
        end as violation
    from partner_counts
    where partners = 0 or (pair_role = 'registration' and partners > 1)
),

same_request_sign_ins as (
    select distinct
        4 as invariant,
        sign_ins.event_id,
        sign_ins.event_type,
        sign_ins.app_id,
        sign_ins.user_uuid,
        'sign-in reported by the registration request' as violation
    from roles as sign_ins
    inner join roles as registrations
        on
            sign_ins.channel_key = registrations.channel_key
            and registrations.pair_role = 'registration'
            and sign_ins.occurred_at >= registrations.occurred_at
            and sign_ins.occurred_at <= {{ dbt.dateadd(
                'second', window, 'registrations.occurred_at'
            ) }}
    where
        sign_ins.event_type in {{ event_types_of('sign_ins') }}
        and (sign_ins.is_new or registrations.is_new)
),

violations as (
    select * from unpaired

    union all

    select * from same_request_sign_ins
)

select * from violations
