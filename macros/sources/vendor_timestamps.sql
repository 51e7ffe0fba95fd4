{#-
    The occurred_at (UTC, milliseconds) and ingested_at of a vendor record
    from its raw text, as its staging model reads them (sources.md 2.1, 2.2):
    run_limits reads the spans of a batch's files with these before staging
    runs. Null when absent or unparseable.
-#}
{% macro vendor_logged_at(source, raw_record) -%}
    {%- set parsed = json_parse(clean_text(raw_record)) -%}
    {%- if source == 'auth0' -%}
    {{ truncate_to_milliseconds(parse_iso8601_timestamp(clean_text(
        'case when ' ~ json_type_at(parsed, ['type']) ~ ' is null and ' ~ json_type_at(parsed, ['data'])
        ~ " = 'object' then " ~ json_text(parsed, ['data', 'date']) ~ ' else ' ~ json_text(parsed, ['date']) ~ ' end'
    ))) }}
    {%- else -%}
    case
        when {{ json_type_at(parsed, ['time']) }} in ('integer', 'string')
            and {{ regex_full_match(clean_text(json_text(parsed, ['time'])), '[0-9]{1,15}') }}
            then {{ epoch_ms_to_timestamp(clean_text(json_text(parsed, ['time']))) }}
    end
    {%- endif -%}
{%- endmacro %}

{% macro vendor_ingested_at(raw_record) -%}
    {{ parse_iso8601_timestamp(clean_text(json_text(json_parse(clean_text(raw_record)), ['ingested_at']))) }}
{%- endmacro %}
