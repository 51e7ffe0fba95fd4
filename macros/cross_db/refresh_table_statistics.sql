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
