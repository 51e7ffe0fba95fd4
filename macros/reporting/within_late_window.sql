{#- True when timestamp `other` lies within `hours` (the late-arrival window) of `anchor`, either side. -#}
{% macro within_late_window(anchor, other, hours) -%}
    {{ other }} between {{ dbt.dateadd('hour', -1 * hours, anchor) }}
        and {{ dbt.dateadd('hour', hours, anchor) }}
{%- endmacro %}
