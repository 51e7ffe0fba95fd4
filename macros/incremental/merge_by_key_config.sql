{#-
    The config of an incremental model that keeps one row per key (e.g. one
    per user) and rewrites the rows of the keys a run touched: delete+insert
    on `key` where the engine can delete. Spark's parquet tables cannot, so
    there the model is rebuilt as a table on every run (Spark is not held to
    the hourly cost targets).
-#}
{% macro merge_by_key_config(key) -%}
    {{ return(adapter.dispatch('merge_by_key_config', 'customer_insights')(key)) }}
{%- endmacro %}

{% macro default__merge_by_key_config(key) -%}
    {{ return({
        'materialized': 'incremental',
        'incremental_strategy': 'delete+insert',
        'unique_key': key,
    }) }}
{%- endmacro %}

{% macro spark__merge_by_key_config(key) -%}
    {{ return({'materialized': 'table'}) }}
{%- endmacro %}

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
