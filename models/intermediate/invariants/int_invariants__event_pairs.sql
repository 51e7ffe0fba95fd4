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
    Reads every source's classified events (int_audit_log__classified): fct_events waits for this model, so
    that its invariant tests stop everything built on it.
-#}
{%- set scope = invariant_scope(occurred_at='logged_at_utc') %}
{%- set window = pairing_window_seconds() %}
{#- The four roles in a pair, as small numbers (cheaper to sort and join on than
    text): the first of a pair (a registration, a sign-in) and its partner (the
    profile creation, the last-login update). -#}
{%- set role = {'registration': 1, 'registration_creation': 2, 'sign_in': 3, 'login_update': 4} %}
{%- set firsts = '(' ~ role.registration ~ ', ' ~ role.sign_in ~ ')' %}
{%- set registration_family = '(' ~ role.registration ~ ', ' ~ role.registration_creation ~ ')' %}

with

validated as {{ inline_cte() }} (
    select * from {{ ref('int_audit_log__classified') }}
),

events as (
    select
        record_key,
        logged_at_utc as occurred_at,
        event_type,
        {{ record_key(['source_system', 'app_id', 'user_uuid', 'client_id', 'endpoint']) }}
            as request_key,
        -- Invariant 4's "same request": Janrain, the registration's channel;
        -- Auth0 and Keycloak, its client (sources.md 5).
        case
            when source_system = 'janrain'
                then {{ record_key(['source_system', 'app_id', 'user_uuid', 'channel']) }}
            else {{ record_key(['source_system', 'app_id', 'user_uuid', 'client_id']) }}
        end as channel_key,
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
    select * from events
    where pair_role is not null
),

-- For each record, the nearest record of each role of its family (registration
-- and its creation; sign-in and its last-login update) before and after it in
-- the same request: one sort per request and time, where a join would compare
-- every sign-in of a frequent user with every one of their updates.
neighbours as (
    select
        record_key,
        pair_role,
        occurred_at,
        is_due,
        case
            when pair_role in {{ firsts }}
                then max(case when pair_role not in {{ firsts }} then occurred_at end) over earlier
            else max(case when pair_role in {{ firsts }} then occurred_at end) over earlier
        end as partner_before,
        case
            when pair_role in {{ firsts }}
                then min(case when pair_role not in {{ firsts }} then occurred_at end) over later
            else min(case when pair_role in {{ firsts }} then occurred_at end) over later
        end as partner_after
    from roles
    window
        earlier as (
            partition by request_key, pair_role in {{ registration_family }}
            order by occurred_at rows between unbounded preceding and current row
        ),
        later as (
            partition by request_key, pair_role in {{ registration_family }}
            order by occurred_at rows between current row and unbounded following
        )
),

-- Subjects without a partner within W either side.
unpaired as (
    select
        case when pair_role in {{ registration_family }} then 2 else 5 end as invariant,
        record_key,
        case pair_role
            when {{ role.registration }} then 'registration without its profile creation'
            when {{ role.registration_creation }}
                then 'profile creation from a registration without its registration event'
            when {{ role.sign_in }} then 'sign-in without its last-login profile update'
            else 'last-login profile update without its sign-in'
        end as violation
    from neighbours
    where
        is_due
        and not coalesce(
            partner_before >= {{ dbt.dateadd('second', -1 * window, 'occurred_at') }}, false
        )
        and not coalesce(
            partner_after <= {{ dbt.dateadd('second', window, 'occurred_at') }}, false
        )
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
                'second', window, 'registrations.occurred_at'
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
        validated.event_id,
        validated.source_system,
        validated.event_type,
        validated.app_id,
        validated.user_uuid,
        violating_keys.violation
    from violating_keys
    inner join validated
        on violating_keys.record_key = validated.record_key
)

select * from violations
