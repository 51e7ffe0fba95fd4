{#-
    `text` parsed as JSON, or null when it is not JSON (never an error: a
    line that is not JSON becomes a rejected record, not a failed build).
-#}
{% macro json_parse(text) -%}
    {{ return(adapter.dispatch('json_parse', 'customer_insights')(text)) }}
{%- endmacro %}

{% macro default__json_parse(text) -%}
    case when {{ text }} is json then cast({{ text }} as jsonb) end
{%- endmacro %}

{% macro duckdb__json_parse(text) -%}
    case when json_valid({{ text }}) then json({{ text }}) end
{%- endmacro %}
