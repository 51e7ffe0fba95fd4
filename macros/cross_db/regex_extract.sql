{#- The first capture group of the regular expression `pattern` in `expression`, or null. -#}
{% macro regex_extract(expression, pattern) -%}
    {{ return(adapter.dispatch('regex_extract', 'customer_insights')(expression, pattern)) }}
{%- endmacro %}

{% macro default__regex_extract(expression, pattern) -%}
    substring({{ expression }} from '{{ pattern }}')
{%- endmacro %}

{% macro duckdb__regex_extract(expression, pattern) -%}
    nullif(regexp_extract({{ expression }}, '{{ pattern }}', 1), '')
{%- endmacro %}

{% macro spark__regex_extract(expression, pattern) -%}
    nullif(regexp_extract({{ expression }}, '{{ pattern | replace("\\", "\\\\") }}', 1), '')
{%- endmacro %}
