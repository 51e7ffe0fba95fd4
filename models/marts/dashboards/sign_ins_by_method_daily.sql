{#-
    Event details, sign-ins: sign-ins of existing accounts per reporting day,
    app and API client by method (traditional, social or sso), identity
    provider and channel. Registrations are not sign-ins and are not here.
    From events_daily.
-#}

with

events_daily as (
    select * from {{ ref('events_daily') }}
    where event_type in {{ event_types_of('all_sign_ins') }}
),

sign_ins as (
    {{ rollup_counts('events_daily', sign_in_method_dimensions(), 'sign_ins') }}
)

select * from sign_ins
