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
