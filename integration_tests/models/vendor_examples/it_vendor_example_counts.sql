{#-
    The numbers sources.md states for each worked example: lines delivered,
    distinct records, events (primary and derived), excluded and rejected
    records; distinct records = primary events + excluded + rejected.
-#}
with

events as (
    select
        source_system,
        count(*) as events,
        sum(case when is_derived then 0 else 1 end) as primary_events,
        sum(case when is_derived then 1 else 0 end) as derived_events
    from {{ ref('fct_events') }}
    where source_system in ('auth0', 'keycloak')
    group by source_system
),

excluded as (
    select
        source_system,
        count(*) as excluded
    from {{ ref('audit_log_excluded') }}
    where source_system in ('auth0', 'keycloak')
    group by source_system
),

rejected as (
    select
        source_system,
        count(*) as rejected
    from {{ ref('audit_log_rejects') }}
    where source_system in ('auth0', 'keycloak')
    group by source_system
),

delivered as (
    select
        source_system,
        sum(row_count) as delivered_lines
    from {{ ref('incremental_manifest') }}
    where source_file is not null and source_system in ('auth0', 'keycloak')
    group by source_system
),

counts as (
    select
        events.source_system,
        delivered.delivered_lines,
        events.primary_events + excluded.excluded + rejected.rejected as distinct_records,
        events.events,
        events.primary_events,
        events.derived_events,
        excluded.excluded,
        rejected.rejected
    from events
    inner join excluded on events.source_system = excluded.source_system
    inner join rejected on events.source_system = rejected.source_system
    inner join delivered on events.source_system = delivered.source_system
)

{%- set measures = ['delivered_lines', 'distinct_records', 'events', 'primary_events', 'derived_events',
    'excluded', 'rejected'] %}
{%- for measure in measures %}
select
    source_system,
    '{{ measure }}' as measure,
    cast({{ measure }} as {{ dbt.type_bigint() }}) as value
from counts
{{ 'union all' if not loop.last }}
{%- endfor %}
