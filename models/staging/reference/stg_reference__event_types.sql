{#-
    The project's reference list of the eight Customer Insights event types:
    the seed's words for people (display name, description), and what the
    vocabulary in dbt_project.yml says of each type (display order, family,
    what it counts as), so the rules are stated once.
-#}
{%- set event_types = janrain_vocabulary().event_types %}

with

event_types as (
    select * from {{ ref('event_types') }}
),

described as (
    select
        cast(event_type as {{ dbt.type_string() }}) as event_type,
        case event_type
            {%- for event_type in event_types %}
            when '{{ event_type }}' then {{ loop.index }}
            {%- endfor %}
        end as sort_order,
        cast(
            case
                when event_type in {{ event_types_of('profile_store') }} then 'entity'
                else 'signin'
            end as {{ dbt.type_string() }}
        ) as event_family,
        cast(display_name as {{ dbt.type_string() }}) as display_name,
        coalesce(event_type in {{ event_types_of('registrations') }}, false) as is_registration,
        coalesce(event_type in {{ event_types_of('all_sign_ins') }}, false) as is_sign_in,
        coalesce(event_type in {{ event_types_of('profile_store') }}, false)
            as is_profile_store_event,
        cast(description as {{ dbt.type_string() }}) as description
    from event_types
)

select * from described
