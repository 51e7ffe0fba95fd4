{#-
    True when some part of `expression` matches the regular expression
    `pattern` (unanchored; RE2/POSIX-style classes only, no `\d`).
-#}
{% macro regex_search(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_search', 'customer_insights')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_search(expression, pattern) -%}
    regexp_like({{ expression }}, '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__regex_search(expression, pattern) -%}
    regexp_matches({{ expression }}, '{{ pattern }}')
{%- endmacro %}

{% macro postgres__regex_search(expression, pattern) -%}
    ({{ expression }} ~ '{{ pattern }}')
{%- endmacro %}

{% macro spark__regex_search(expression, pattern) -%}
    ({{ expression }} rlike '{{ pattern | replace("\\", "\\\\") }}')
{%- endmacro %}

{% macro bigquery__regex_search(expression, pattern) -%}
    regexp_contains({{ expression }}, r'{{ pattern }}')
{%- endmacro %}
