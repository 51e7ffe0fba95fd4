{#-
    The config of active_users, which recounts whole periods: incremental by
    period where the engine keeps int_users__lifecycle incrementally (its
    `previous_first_active_at` names the periods a late event changed); on
    Spark, where that model is rebuilt every run, a full recount.
-#}
{% macro recount_periods_config(columns) -%}
    {{ return(adapter.dispatch('recount_periods_config', 'customer_insights')(columns)) }}
{%- endmacro %}

{% macro default__recount_periods_config(columns) -%}
    {%- set config = {'materialized': 'incremental'} -%}
    {%- do config.update(replace_slices_config(columns)) -%}
    {{ return(config) }}
{%- endmacro %}

{% macro spark__recount_periods_config(columns) -%}
    {{ return({'materialized': 'table'}) }}
{%- endmacro %}
