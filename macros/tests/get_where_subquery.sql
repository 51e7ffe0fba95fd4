{#-
    Overrides dbt's get_where_subquery (the `where` config of generic tests)
    to add one capability: a test configured with
    `meta: {incremental_scope: latest_batch}` on an incremental model checks
    only the model's newest batch (its rows with the greatest processed_at) on
    incremental runs, so its cost follows the new data. On a first build, a
    full refresh, or with `invariant_scope: all`, it checks every row.
-#}
{% macro default__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where %}{% do conditions.append('(' ~ where ~ ')') %}{% endif -%}
    {%- set meta = config.get('meta', {}) or {} -%}
    {%- if meta.get('incremental_scope') == 'latest_batch' -%}
        {%- set batch_filter = latest_batch_filter(relation) -%}
        {%- if batch_filter %}{% do conditions.append(batch_filter) %}{% endif -%}
    {%- endif -%}
    {%- if conditions -%}
        {%- set filtered -%}
            (select * from {{ relation }} where {{ conditions | join(' and ') }}) dbt_subquery
        {%- endset -%}
        {% do return(filtered) %}
    {%- else -%}
        {% do return(relation) %}
    {%- endif -%}
{%- endmacro %}

{#-
    `processed_at >= <this run's batch>` on an incremental run (run_limits),
    for a relation whose rows carry the `processed_at` of the run that added
    them; none (check every row) on a first build or full refresh, and with
    `invariant_scope: all`.
-#}
{% macro latest_batch_filter(relation) -%}
    {%- set limits = run_limits(unreferenced=true) -%}
    {%- if not execute or var('invariant_scope', 'auto') == 'all' or limits.first_load -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return('processed_at >= ' ~ limits.processed_at) }}
{%- endmacro %}
