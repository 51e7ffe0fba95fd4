{#- A timestamp cut (not rounded) to whole milliseconds: vendor times are milliseconds (sources.md 2.2). -#}
{% macro truncate_to_milliseconds(timestamp) -%}
    {{ dbt.date_trunc('millisecond', timestamp) }}
{%- endmacro %}
