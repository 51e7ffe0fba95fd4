{#- One row per canonical Customer Insights event type, for labels and grouping in BI tools. -#}

with

event_types as (
    select * from {{ ref('stg_reference__event_types') }}
)

select * from event_types
