{#-
    Post-hook of every model and seed: brings the planner statistics of the
    table just written up to date, so that the next model or test is planned
    with real row counts. PostgreSQL gathers them only later (autovacuum);
    without them it guesses one row for every filtered scan of a new table and
    picks nested loops that turn the pairing invariants from milliseconds into
    minutes. Engines that keep statistics as they write (DuckDB) or plan
    without them do nothing. Views have no statistics of their own.
-#}
{% macro refresh_table_statistics() -%}
    {%- if model.config.materialized in ('table', 'incremental', 'seed') -%}
        {{ return(adapter.dispatch('refresh_table_statistics', 'customer_insights')()) }}
    {%- endif -%}
{%- endmacro %}

{% macro default__refresh_table_statistics() -%}
{%- endmacro %}

{% macro postgres__refresh_table_statistics() -%}
    analyze {{ this }}
{%- endmacro %}

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
