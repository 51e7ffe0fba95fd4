{#- ISO day of the week of a timestamp or date: 1 = Monday ... 7 = Sunday. -#}
{% macro iso_day_of_week(expression) -%}
    {{ return(adapter.dispatch('iso_day_of_week', 'customer_insights')(expression)) }}
{%- endmacro %}

{% macro default__iso_day_of_week(expression) -%}
    cast(extract(isodow from {{ expression }}) as {{ dbt.type_int() }})
{%- endmacro %}

{% macro spark__iso_day_of_week(expression) -%}
    cast(((dayofweek({{ expression }}) + 5) % 7) + 1 as {{ dbt.type_int() }})
{%- endmacro %}
