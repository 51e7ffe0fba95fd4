{#-
    `text` parsed as JSON, or null when it is not JSON (never an error: a
    line that is not JSON becomes a rejected record, not a failed build).
    DuckDB: its JSON type; PostgreSQL: jsonb, through the project's
    ci_try_jsonb function (create_json_functions, run at the start of every
    run: PostgreSQL 15 has no `is json`); Spark: a VARIANT (try_parse_json).
-#}
{% macro json_parse(text) -%}
    {{ return(adapter.dispatch('json_parse', 'customer_insights')(text)) }}
{%- endmacro %}

{% macro default__json_parse(text) -%}
    {{ target.schema }}.ci_try_jsonb({{ text }})
{%- endmacro %}

{% macro duckdb__json_parse(text) -%}
    case when json_valid({{ text }}) then json({{ text }}) end
{%- endmacro %}

{% macro spark__json_parse(text) -%}
    try_parse_json({{ text }})
{%- endmacro %}
