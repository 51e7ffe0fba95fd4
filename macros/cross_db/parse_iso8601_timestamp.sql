{#-
    Parses an ISO-8601 timestamp that carries a UTC offset (`Z`, `+02:00`,
    `+0200`, `+02`, half-hour offsets included) into a UTC timestamp without
    time zone. Anything else - no offset, an offset outside -23:59..+23:59
    (`+25:00`, `+05:99`, which engines would otherwise read as some other
    instant), an impossible date, free text, empty - gives null, never an
    error: the caller turns null into a reject.
-#}
{% macro iso8601_with_offset_pattern() -%}
    {{- return('\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]([01]\\d|2[0-3])(:?[0-5]\\d)?)') -}}
{%- endmacro %}

{% macro parse_iso8601_timestamp(expression) -%}
    {{ return(adapter.dispatch('parse_iso8601_timestamp', 'customer_insights')(expression)) }}
{%- endmacro %}

{% macro default__parse_iso8601_timestamp(expression) -%}
    case
        when {{ regex_full_match(expression, iso8601_with_offset_pattern()) }}
            then cast({{ expression }} as timestamp with time zone) at time zone 'UTC'
    end
{%- endmacro %}

{% macro duckdb__parse_iso8601_timestamp(expression) -%}
    case
        when {{ regex_full_match(expression, iso8601_with_offset_pattern()) }}
            then timezone('UTC', try_cast({{ expression }} as timestamptz))
    end
{%- endmacro %}

{#-
    Spark: a plain cast is not enough. Spark's zone offsets stop at +-18:00
    and it rejects `hh:mm` without seconds, where DuckDB (the reference) reads
    both. So the parts are taken apart with one anchored pattern: the local
    wall-clock time is cast as UTC (`...Z`; an impossible date gives null
    through try_cast), and the offset, in seconds, is subtracted. Like
    DuckDB: fractional seconds are truncated to microseconds, and `24:00`
    (nothing after it but zeros) is midnight of the next day.
-#}
{% macro spark__parse_iso8601_timestamp(expression) -%}
    {%- set parts = '^(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}):(\\d{2})(:(\\d{2})(\\.(\\d+))?)?(Z|([+-])(\\d{2})(:?(\\d{2}))?)$' -%}
    {%- set quoted = "'" ~ (parts | replace("\\", "\\\\")) ~ "'" -%}
    {%- set date_part = 'regexp_extract(' ~ expression ~ ', ' ~ quoted ~ ', 1)' -%}
    {%- set hour_part = 'regexp_extract(' ~ expression ~ ', ' ~ quoted ~ ', 2)' -%}
    {%- set minute_part = 'regexp_extract(' ~ expression ~ ', ' ~ quoted ~ ', 3)' -%}
    {%- set second_part = "coalesce(nullif(regexp_extract(" ~ expression ~ ", " ~ quoted ~ ", 5), ''), '00')" -%}
    {%- set fraction_part = 'regexp_extract(' ~ expression ~ ', ' ~ quoted ~ ', 7)' -%}
    {%- set zone_part = 'regexp_extract(' ~ expression ~ ', ' ~ quoted ~ ', 8)' -%}
    {%- set sign_part = 'regexp_extract(' ~ expression ~ ', ' ~ quoted ~ ', 9)' -%}
    {%- set offset_hours = 'regexp_extract(' ~ expression ~ ', ' ~ quoted ~ ', 10)' -%}
    {%- set offset_minutes = "coalesce(nullif(regexp_extract(" ~ expression ~ ", " ~ quoted ~ ", 12), ''), '00')" -%}
    {%- set is_hour_24 = hour_part ~ " = '24'" -%}
    case
        when {{ regex_full_match(expression, iso8601_with_offset_pattern()) }}
            and (
                not ({{ is_hour_24 }})
                or ({{ minute_part }} = '00' and {{ second_part }} = '00'
                    and {{ fraction_part }} rlike '^0*$')
            )
            then timestampadd(
                SECOND,
                (case when {{ is_hour_24 }} then 86400 else 0 end)
                - case
                    when {{ zone_part }} = 'Z' then 0
                    else (case when {{ sign_part }} = '-' then -1 else 1 end) * (
                        cast({{ offset_hours }} as int) * 3600 + cast({{ offset_minutes }} as int) * 60
                    )
                end,
                try_cast(concat(
                    {{ date_part }}, ' ',
                    case when {{ is_hour_24 }} then '00' else {{ hour_part }} end, ':',
                    {{ minute_part }}, ':',
                    {{ second_part }}, '.',
                    rpad(substr({{ fraction_part }}, 1, 6), 6, '0'),
                    'Z'
                ) as timestamp)
            )
    end
{%- endmacro %}
