{#-
    Event details, registrations: new accounts per reporting day, app and API
    client by sign-in method (traditional or social), identity provider and
    channel. From events_daily.
-#}

with

events_daily as (
    select * from {{ ref('events_daily') }}
    where event_type in {{ event_types_of('registrations') }}
),

registrations as (
    {{ rollup_counts('events_daily', sign_in_method_dimensions(), 'registrations') }}
)

select * from registrations
