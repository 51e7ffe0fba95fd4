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
