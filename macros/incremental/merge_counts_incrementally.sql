{#-
    The body of a mart of additive counts that is built incrementally from an
    append-only upstream (fct_events, audit_log_excluded).

    `new_counts` is a CTE holding the counts of the upstream rows this run
    added, at the mart's grain: `dimension_columns` and `count_columns`. On a
    first build or --full-refresh that is everything, and it is the result. On
    an incremental run the rows already stored for the touched partitions
    (values of `partition_column`, e.g. a day) are read back, the new counts
    are added to them, and the model's delete+insert on `partition_column`
    replaces those partitions. Untouched partitions are never read, so a run
    costs what its new rows and the days they fall on cost, and counts are
    exact because every upstream row is added exactly once (high-water mark on
    the upstream's processed_at).
-#}
{% macro merge_counts_incrementally(new_counts, dimension_columns, count_columns, partition_column) -%}
    {%- if is_incremental() %}
    select
        {%- for column in dimension_columns %}
        {{ column }},
        {%- endfor %}
        {%- for column in count_columns %}
        cast(sum({{ column }}) as {{ dbt.type_bigint() }}) as {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from (
        select {{ (dimension_columns + count_columns) | join(', ') }}
        from {{ this }}
        where {{ partition_column }} in (select {{ partition_column }} from {{ new_counts }})
        union all
        select {{ (dimension_columns + count_columns) | join(', ') }}
        from {{ new_counts }}
    ) as stored_and_new
    group by {{ dimension_columns | join(', ') }}
    {%- else %}
    select * from {{ new_counts }}
    {%- endif %}
{%- endmacro %}
