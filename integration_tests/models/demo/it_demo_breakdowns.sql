{#-
    The demo log's tenants (everything but the contract example) counted the
    way its generator writes its truth: one row per breakdown and item (null for
    a total). Compared with expected_demo_breakdowns, which
    scripts/demo_truth_to_seed.py writes from the generator's truth.
-#}
{%- set example_app = var('contract_example_app_id') %}
{%- set text = dbt.type_string() %}

with

events as (
    select * from {{ ref('fct_events') }}
    where source_system = 'janrain' and app_id <> '{{ example_app }}'
),

excluded as (
    select * from {{ ref('audit_log_excluded') }}
    where source_system = 'janrain' and app_id <> '{{ example_app }}'
),

rejects as (
    select * from {{ ref('audit_log_rejects') }}
    where source_system = 'janrain' and (app_id is null or app_id <> '{{ example_app }}')
),

totals as (
    select 'canonical_events' as breakdown, count(*) as record_count from events
    union all
    select 'excluded', count(*) from excluded
    union all
    select 'rejected', count(*) from rejects
),

{%- set breakdowns = [
    ('event_type', 'events'), ('creation_path', 'events'), ('update_reason', 'events'),
    ('sign_in_method', 'events'), ('channel', 'events'),
    ('exclusion_reason', 'excluded'), ('reject_reason', 'rejects'),
] %}

by_column as (
    {%- for column, relation in breakdowns %}
    select
        '{{ column }}' as breakdown,
        cast({{ column }} as {{ text }}) as item,
        count(*) as record_count
    from {{ relation }}
    where {{ column }} is not null
    group by {{ column }}
    {%- if not loop.last %}
    union all
    {%- endif %}
    {%- endfor %}
),

by_hour_of_day as (
    select
        'hour_of_day_and_type' as breakdown,
        {{ dbt.concat([
            dbt.cast(dbt.cast('extract(hour from occurred_at)', dbt.type_int()), text),
            "'|'",
            'event_type',
        ]) }} as item,
        count(*) as record_count
    from events
    group by 2
)

select breakdown, cast(null as {{ text }}) as item, record_count from totals
union all
select breakdown, item, record_count from by_column
union all
select breakdown, item, record_count from by_hour_of_day
