{#- The project's reference list of the eight Customer Insights event types. -#}

with

event_types as (
    select * from {{ ref('event_types') }}
),

renamed as (
    select
        cast(event_type as {{ dbt.type_string() }}) as event_type,
        cast(sort_order as integer) as sort_order,
        cast(event_family as {{ dbt.type_string() }}) as event_family,
        cast(display_name as {{ dbt.type_string() }}) as display_name,
        cast(is_registration as boolean) as is_registration,
        cast(is_sign_in as boolean) as is_sign_in,
        cast(is_profile_store_event as boolean) as is_profile_store_event,
        cast(description as {{ dbt.type_string() }}) as description
    from event_types
)

select * from renamed
