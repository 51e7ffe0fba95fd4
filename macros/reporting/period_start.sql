{#- The first day of the `grain` (day, week starting Monday, month) a date falls in. -#}
{% macro period_start(grain, date_column) -%}
    {%- if grain == 'day' -%}
        {{ date_column }}
    {%- else -%}
        cast({{ dbt.date_trunc(grain, date_column) }} as date)
    {%- endif -%}
{%- endmacro %}
