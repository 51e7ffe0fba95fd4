{#-
    Parses an ISO-8601 timestamp that carries a UTC offset (`Z`, `+02:00`,
    `+0200`, `+02`, half-hour offsets included) into a UTC timestamp without
    time zone. Anything else - no offset, an offset outside -23:59..+23:59
    (`+25:00`, `+05:99`, which engines would otherwise read as some other
    instant), an impossible date or time (Feb 30, 24:00, a leap second 23:59:60,
    year 0000), free text, empty - gives null, never an error: the caller turns
    null into a reject. Fractions keep microseconds; further digits are cut off
    (not rounded), the same on every engine.

    The pattern decides what is accepted, so every engine accepts the same
    strings; the engine's own cast only has to turn a well-formed string into
    an instant and to refuse a day the month does not have.
-#}
{% macro _iso8601_with_offset_pattern() -%}
    {#- year 0001-9999, month 01-12, day 01-31 (the month's length is each engine's
        cast's business), hour 00-23, minute and second 00-59, optional fraction. -#}
    {%- set year = '(\\d{3}[1-9]|\\d{2}[1-9]\\d|\\d[1-9]\\d{2}|[1-9]\\d{3})' -%}
    {%- set date = year ~ '-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])' -%}
    {%- set time = '([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d+)?)?' -%}
    {%- set offset = '(Z|[+-]([01]\\d|2[0-3])(:?[0-5]\\d)?)' -%}
    {{- return(date ~ '[T ]' ~ time ~ offset) -}}
{%- endmacro %}

{% macro parse_iso8601_timestamp(expression) -%}
    {{ return(adapter.dispatch('parse_iso8601_timestamp', 'customer_insights')(expression)) }}
{%- endmacro %}

{% macro default__parse_iso8601_timestamp(expression) -%}
    case
        when {{ regex_full_match(expression, _iso8601_with_offset_pattern()) }}
            then cast({{ expression }} as timestamp with time zone) at time zone 'UTC'
    end
{%- endmacro %}

{#-
    DuckDB: a time already in UTC (`...Z`, nearly every record) is read as a
    plain timestamp, which costs half of the time-zone arithmetic that an
    offset needs.
-#}
{% macro duckdb__parse_iso8601_timestamp(expression) -%}
    case
        when {{ regex_full_match(expression, _iso8601_with_offset_pattern()) }}
            then case
                when {{ expression }} like '%Z' then try_cast({{ expression }} as timestamp)
                else timezone('UTC', try_cast({{ expression }} as timestamptz))
            end
    end
{%- endmacro %}

{#-
    PostgreSQL has no try_cast: a day the month lacks is caught before the
    cast (a CASE, so nothing is cast that could fail), and fractions beyond
    microseconds are cut off first (PostgreSQL would round them).
-#}
{% macro postgres__parse_iso8601_timestamp(expression) -%}
    case
        when {{ regex_full_match(expression, _iso8601_with_offset_pattern()) }}
            then case
                when cast(substring({{ expression }}, 9, 2) as integer) <= extract(day from
                    make_date(
                        cast(substring({{ expression }}, 1, 4) as integer),
                        cast(substring({{ expression }}, 6, 2) as integer),
                        1
                    ) + interval '1 month' - interval '1 day'
                )
                    then cast(
                        regexp_replace({{ expression }}, '(\.\d{6})\d+', '\1') as timestamp with time zone
                    ) at time zone 'UTC'
            end
    end
{%- endmacro %}

{#-
    Spark: a plain cast is not enough. Spark's zone offsets stop at +-18:00
    and it rejects `hh:mm` without seconds, both of which the pattern accepts.
    So the parts are taken apart with one anchored pattern: the wall-clock
    time is cast as UTC (`...Z`; a day the month lacks gives null through
    try_cast), fractions cut to microseconds, and the offset, in seconds, is
    subtracted.
-#}
{% macro spark__parse_iso8601_timestamp(expression) -%}
    {%- set parts = '^(\\d{4}-\\d{2}-\\d{2})[T ](\\d{2}):(\\d{2})(:(\\d{2})(\\.(\\d+))?)?(Z|([+-])(\\d{2})(:?(\\d{2}))?)$' -%}
    {%- set quoted = "'" ~ (parts | replace("\\", "\\\\")) ~ "'" -%}
    {#- `group ~ 'N)'` is the N-th group of the pattern. -#}
    {%- set group = 'regexp_extract(' ~ expression ~ ', ' ~ quoted ~ ', ' -%}
    {%- set seconds = "coalesce(nullif(" ~ group ~ '5)' ~ ", ''), '00')" -%}
    {%- set offset_minutes = "coalesce(nullif(" ~ group ~ '12)' ~ ", ''), '00')" -%}
    case
        when {{ regex_full_match(expression, _iso8601_with_offset_pattern()) }}
            then timestampadd(
                SECOND,
                case
                    when {{ group ~ '8)' }} = 'Z' then 0
                    else (case when {{ group ~ '9)' }} = '-' then 1 else -1 end) * (
                        cast({{ group ~ '10)' }} as int) * 3600 + cast({{ offset_minutes }} as int) * 60
                    )
                end,
                try_cast(concat(
                    {{ group ~ '1)' }}, ' ', {{ group ~ '2)' }}, ':', {{ group ~ '3)' }}, ':',
                    {{ seconds }}, '.', rpad(substr({{ group ~ '7)' }}, 1, 6), 6, '0'), 'Z'
                ) as timestamp)
            )
    end
{%- endmacro %}
