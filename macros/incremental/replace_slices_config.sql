{#-
    The config of a model whose incremental runs recompute whole slices
    (hours, days, minutes of the hour) of its table and replace them, the
    slice being the values of `column` (or of a list of columns):

        {{ config(materialized='incremental', **replace_slices_config('event_date'), ...) }}

    delete+insert on that column where the engine can delete; on Spark, whose
    parquet tables cannot, insert_overwrite of the table partitioned by it
    (dynamic partition overwrite replaces exactly the partitions the run
    writes, which is the same thing: a slice is always written whole). On
    Spark the partition column moves to the end of the table's columns
    (Spark stores partition values in directory names, not in the files).
-#}
{% macro replace_slices_config(column) -%}
    {{ return(adapter.dispatch('replace_slices_config', 'customer_insights')(column)) }}
{%- endmacro %}

{% macro default__replace_slices_config(column) -%}
    {{ return({'incremental_strategy': 'delete+insert', 'unique_key': column}) }}
{%- endmacro %}

{% macro spark__replace_slices_config(column) -%}
    {{ return({
        'incremental_strategy': 'insert_overwrite',
        'partition_by': column if column is not string else [column],
    }) }}
{%- endmacro %}
