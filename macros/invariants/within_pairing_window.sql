{#- True when timestamp `other` lies within W of timestamp `anchor`, either side. -#}
{% macro within_pairing_window(anchor, other) -%}
    {{ other }} between {{ dbt.dateadd('second', -1 * pairing_window_seconds(), anchor) }}
        and {{ dbt.dateadd('second', pairing_window_seconds(), anchor) }}
{%- endmacro %}
