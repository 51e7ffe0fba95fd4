{#- The calendar date of a UTC timestamp in the reporting time zone. -#}
{% macro to_reporting_date(utc_timestamp) -%}
    cast({{ to_reporting_time(utc_timestamp) }} as date)
{%- endmacro %}
