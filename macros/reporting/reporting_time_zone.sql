{#-
    The reporting time zone (var `reporting_time_zone`, default UTC) of the
    dashboard marts, checked to look like an IANA zone name (it is spliced
    into SQL).
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
