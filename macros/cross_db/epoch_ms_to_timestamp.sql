{#- A UTC timestamp (without time zone) from milliseconds since 1970 (an integer expression). -#}
{% macro epoch_ms_to_timestamp(milliseconds) -%}
    {{ return(adapter.dispatch('epoch_ms_to_timestamp', 'customer_insights')(milliseconds)) }}
{%- endmacro %}

{% macro default__epoch_ms_to_timestamp(milliseconds) -%}
    (cast('1970-01-01 00:00:00' as timestamp) + cast({{ milliseconds }} as bigint) * interval '1 millisecond')
{%- endmacro %}

{% macro duckdb__epoch_ms_to_timestamp(milliseconds) -%}
    epoch_ms(cast({{ milliseconds }} as bigint))
{%- endmacro %}

{% macro spark__epoch_ms_to_timestamp(milliseconds) -%}
    timestamp_millis(cast({{ milliseconds }} as bigint))
{%- endmacro %}
