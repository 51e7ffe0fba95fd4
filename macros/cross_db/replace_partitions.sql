{#-
    The incremental strategy of a model whose incremental runs recompute
    whole slices (hours, days, minutes of the hour) of its table and replace
    them: delete+insert on unique_key (the slice column) where the engine
    has it; on Spark, whose parquet tables cannot delete, insert_overwrite of
    the table partitioned by that column (dynamic partition overwrite replaces
    exactly the partitions the run writes, which is the same thing: a slice
    is always written whole). Used as a config value:

        incremental_strategy=replace_slices_strategy(),
        unique_key='event_date',
        partition_by=replace_slices_partition_by('event_date'),

    On Spark the partition column moves to the end of the table's columns
    (Spark stores partition values in directory names, not in the files).
-#}
{% macro replace_slices_strategy() -%}
    {{ return(adapter.dispatch('replace_slices_strategy', 'customer_insights')()) }}
{%- endmacro %}

{% macro default__replace_slices_strategy() -%}
    {{ return('delete+insert') }}
{%- endmacro %}

{% macro spark__replace_slices_strategy() -%}
    {{ return('insert_overwrite') }}
{%- endmacro %}

{% macro replace_slices_partition_by(column) -%}
    {{ return(adapter.dispatch('replace_slices_partition_by', 'customer_insights')(column)) }}
{%- endmacro %}

{% macro default__replace_slices_partition_by(column) -%}
    {{ return(none) }}
{%- endmacro %}

{% macro spark__replace_slices_partition_by(column) -%}
    {{ return([column]) }}
{%- endmacro %}
