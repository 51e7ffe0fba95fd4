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
{% macro reporting_time_zone() -%}
    {%- set zone = var('reporting_time_zone', 'UTC') | string | trim -%}
    {%- if not modules.re.fullmatch('[A-Za-z][A-Za-z0-9_+/-]*', zone) -%}
        {{ exceptions.raise_compiler_error(
            "reporting_time_zone '" ~ zone ~ "' is not an IANA time zone name such as"
            ~ " 'UTC', 'Europe/Berlin' or 'America/New_York'."
        ) }}
    {%- endif -%}
    {{ return(zone) }}
{%- endmacro %}

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

{#- The calendar date of a UTC timestamp in the reporting time zone. -#}
{% macro to_reporting_date(utc_timestamp) -%}
    cast({{ to_reporting_time(utc_timestamp) }} as date)
{%- endmacro %}

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
