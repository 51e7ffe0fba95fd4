{#-
    Local time in the reporting time zone (var `reporting_time_zone`, default
    UTC) of a UTC timestamp without time zone. The result is a plain
    timestamp holding the wall-clock time of that zone, daylight-saving
    changes included: on the day clocks go forward it skips an hour, on the
    day they go back it repeats one. With UTC nothing is converted, so the
    default costs nothing.

    DuckDB: timezone('UTC', ts) reads the plain timestamp as UTC (whatever the
    session time zone is) and timezone(zone, ...) gives that zone's wall clock.
-#}
{% macro to_reporting_time(utc_timestamp) -%}
    {%- set zone = reporting_time_zone() -%}
    {%- if zone | upper in ('UTC', 'ETC/UTC') -%}
        {{ return(utc_timestamp) }}
    {%- endif -%}
    {{ return(adapter.dispatch('to_reporting_time', 'customer_insights')(utc_timestamp, zone)) }}
{%- endmacro %}

{% macro default__to_reporting_time(utc_timestamp, zone) -%}
    (({{ utc_timestamp }} at time zone 'UTC') at time zone '{{ zone }}')
{%- endmacro %}

{% macro duckdb__to_reporting_time(utc_timestamp, zone) -%}
    timezone('{{ zone }}', timezone('UTC', {{ utc_timestamp }}))
{%- endmacro %}

{% macro spark__to_reporting_time(utc_timestamp, zone) -%}
    from_utc_timestamp({{ utc_timestamp }}, '{{ zone }}')
{%- endmacro %}
