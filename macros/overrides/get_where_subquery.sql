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
