{#-
    Placed between `name as` and the `(` of a CTE that a query reads several
    times: asks the engine to inline it into each reader rather than compute
    it once into a temporary result. PostgreSQL plans a scan of such a result
    with guessed row counts (it has no statistics), which turns the joins of
    the pairing invariants into nested loops; inlined, it plans with the
    table's statistics. DuckDB buffers such a result row by row, losing the
    dictionary encoding of the files it read: validation over 10M records
    took twice as long. Spark inlines on its own.
-#}
{% macro inline_cte() -%}
    {{ return(adapter.dispatch('inline_cte', 'customer_insights')()) }}
{%- endmacro %}

{% macro default__inline_cte() -%}
{%- endmacro %}

{% macro postgres__inline_cte() -%}
    not materialized
{%- endmacro %}

{% macro duckdb__inline_cte() -%}
    not materialized
{%- endmacro %}
