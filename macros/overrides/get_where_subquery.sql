{#-
    Overrides dbt's get_where_subquery (the `where` config of generic tests)
    to add one capability: a generic test with `meta: {incremental_scope:
    latest_batch}` (set by folder in dbt_project.yml) on a relation whose rows
    carry the `processed_at` of the run that added them (its YAML declares
    that column) checks only this run's rows on incremental runs, so its cost
    follows the new data. Relations without processed_at, a first build, a
    full refresh and `invariant_scope: all` check every row.
-#}
{% macro default__get_where_subquery(relation) -%}
    {%- set conditions = [] -%}
    {%- set where = config.get('where', '') -%}
    {%- if where %}{% do conditions.append('(' ~ where ~ ')') %}{% endif -%}
    {%- set meta = config.get('meta', {}) or {} -%}
    {%- if meta.get('incremental_scope') == 'latest_batch' -%}
        {%- set batch_filter = _latest_batch_filter() -%}
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
    `processed_at >= <this run's batch>` (run_limits) when the model under
    test declares processed_at and this is an incremental run; none otherwise.
-#}
{% macro _latest_batch_filter() -%}
    {%- if not execute or var('invariant_scope', 'auto') == 'all' -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set tested = graph.nodes.get(model.attached_node or '') -%}
    {%- if tested is none or 'processed_at' not in tested.columns -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set limits = run_limits(unreferenced=true) -%}
    {%- if limits.first_load -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return('processed_at >= ' ~ limits.processed_at) }}
{%- endmacro %}
