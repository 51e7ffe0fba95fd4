{#-
    The hint that makes a CTE be computed once however often it is read
    (`with x as {{ materialized_cte() }} (...)`): where an engine would
    otherwise inline a CTE into every reader, an expensive step (parsing JSON)
    would run once per reference, and PostgreSQL would repeat the parse inside
    every expression built on it. Spark has no hint (and reuses CTEs itself).
-#}
{% macro materialized_cte() -%}
    {{ return(adapter.dispatch('materialized_cte', 'customer_insights')()) }}
{%- endmacro %}

{% macro default__materialized_cte() -%}
{%- endmacro %}

{% macro postgres__materialized_cte() -%}
    materialized
{%- endmacro %}

{% macro duckdb__materialized_cte() -%}
    materialized
{%- endmacro %}
