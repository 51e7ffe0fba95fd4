{#-
    How the staging model is materialized: a view, so that the raw width is
    never stored. Spark reads raw files through temporary views, which a
    permanent view may not reference, so there it is a table holding this
    run's rows.
-#}
{% macro staging_materialization() -%}
    {{ return(adapter.dispatch('staging_materialization', 'customer_insights')()) }}
{%- endmacro %}

{% macro default__staging_materialization() -%}
    {{ return('view') }}
{%- endmacro %}

{% macro spark__staging_materialization() -%}
    {{ return('table') }}
{%- endmacro %}
