{#- The reader a raw-file path calls for, from its extension: csv, parquet or json (lines). -#}
{% macro raw_audit_log_format(path) -%}
    {%- set lowered = path | lower -%}
    {%- if lowered.endswith('.csv') or lowered.endswith('.csv.gz') -%}
        {{ return('csv') }}
    {%- elif lowered.endswith('.parquet') -%}
        {{ return('parquet') }}
    {%- elif lowered.endswith('.jsonl') or lowered.endswith('.ndjson') or lowered.endswith('.json')
        or lowered.endswith('.jsonl.gz') or lowered.endswith('.ndjson.gz') -%}
        {{ return('json') }}
    {%- else -%}
        {{ exceptions.raise_compiler_error(
            "raw_audit_log_path '" ~ path ~ "' must end in .csv, .parquet, .jsonl, .ndjson or .json"
        ) }}
    {%- endif -%}
{%- endmacro %}
