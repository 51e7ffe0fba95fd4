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
    Records are matched on narrow keys (64-bit hashes of the request and of
    the channel); their readable columns are fetched for violations only.
    Reads validation's events directly: fct_events waits for this model, so
    that its invariant tests stop everything built on it.
-#}
{%- set scope = invariant_scope(occurred_at='logged_at_utc') %}
{#- The four roles in a pair, as small numbers (cheaper to join on than text),
    each with the role of its partner. -#}
{%- set role = {'registration': 1, 'registration_creation': 2, 'sign_in': 3, 'login_update': 4} %}
{%- set partner = {1: 2, 2: 1, 3: 4, 4: 3} %}

with

validated as {{ inline_cte() }} (
    select * from {{ ref('int_audit_log__validated') }}
),

events as (
    select
        record_key,
        logged_at_utc as occurred_at,
        event_type,
        {{ record_key(['app_id', 'user_uuid', 'client_id', 'endpoint']) }} as request_key,
        {{ record_key(['app_id', 'user_uuid', 'channel']) }} as channel_key,
        case
            when event_type in {{ event_types_of('registrations') }} then {{ role.registration }}
            when event_type = 'entity_create' and creation_path = 'registration'
                then {{ role.registration_creation }}
            when event_type in {{ event_types_of('all_sign_ins') }} then {{ role.sign_in }}
            when event_type = 'entity_update' and update_reason = 'login'
                then {{ role.login_update }}
        end as pair_role,
        {{ scope.is_due }} as is_due,
        {{ scope.is_new }} as is_new
    from validated
    where
        event_type is not null
        {%- if scope.has_work %}
        and {{ scope.near }}
        {%- else %}
        and 1 = 0
        {%- endif %}
),

roles as (
    select
        *,
        case pair_role
            {%- for code, partner_code in partner.items() %}
            when {{ code }} then {{ partner_code }}
            {%- endfor %}
        end as partner_role
    from events
    where pair_role is not null
),

-- Every due subject that has at least one partner of the other role.
partnered as (
    select subjects.record_key
    from roles as subjects
    inner join roles as partners
        on
            subjects.request_key = partners.request_key
            and subjects.partner_role = partners.pair_role
            and {{ within_pairing_window('subjects.occurred_at', 'partners.occurred_at') }}
    where subjects.is_due
),

unpaired as (
    select
        case
            when pair_role in ({{ role.registration }}, {{ role.registration_creation }}) then 2
            else 5
        end as invariant,
        record_key,
        case pair_role
            when {{ role.registration }} then 'registration without its profile creation'
            when {{ role.registration_creation }}
                then 'profile creation from a registration without its registration event'
            when {{ role.sign_in }} then 'sign-in without its last-login profile update'
            else 'last-login profile update without its sign-in'
        end as violation
    from roles
    where is_due and record_key not in (select partnered.record_key from partnered)
),

-- A registration creates exactly one profile.
doubly_created as (
    select
        2 as invariant,
        registrations.record_key,
        'registration with more than one profile creation' as violation
    from roles as registrations
    inner join roles as creations
        on
            registrations.request_key = creations.request_key
            and creations.pair_role = {{ role.registration_creation }}
            and {{ within_pairing_window('registrations.occurred_at', 'creations.occurred_at') }}
    where registrations.pair_role = {{ role.registration }} and registrations.is_due
    group by registrations.record_key
    having count(*) > 1
),

same_request_sign_ins as (
    select distinct
        4 as invariant,
        sign_ins.record_key,
        'sign-in reported by the registration request' as violation
    from events as sign_ins
    inner join roles as registrations
        on
            sign_ins.channel_key = registrations.channel_key
            and registrations.pair_role = {{ role.registration }}
            and sign_ins.occurred_at >= registrations.occurred_at
            and sign_ins.occurred_at <= {{ dbt.dateadd(
                'second', pairing_window_seconds(), 'registrations.occurred_at'
            ) }}
    where
        sign_ins.event_type in {{ event_types_of('sign_ins') }}
        and (sign_ins.is_new or registrations.is_new)
),

violating_keys as (
    select * from unpaired

    union all

    select * from doubly_created

    union all

    select * from same_request_sign_ins
),

violations as (
    select
        violating_keys.invariant,
        {{ record_id('validated.log_id', 'validated.record_key') }} as event_id,
        validated.event_type,
        validated.app_id,
        validated.user_uuid,
        violating_keys.violation
    from violating_keys
    inner join validated
        on violating_keys.record_key = validated.record_key
)

select * from violations
