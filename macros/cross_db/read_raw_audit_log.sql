{#-
    A relation expression reading raw audit-log files, chosen by the path's
    extension: .csv, .parquet, or .jsonl / .ndjson / .json (JSON lines). The
    path may be a glob; files are combined by column name, every value is read
    as text, and columns beyond the contract's are ignored by the caller.
-#}
{% macro read_raw_audit_log(path) -%}
    {{ return(adapter.dispatch('read_raw_audit_log', 'customer_insights')(path)) }}
{%- endmacro %}

{% macro default__read_raw_audit_log(path) -%}
    {{ exceptions.raise_compiler_error(
        "Reading raw files (raw_audit_log_path) is not implemented for adapter '"
        ~ adapter.type() ~ "'. Load the files into a table with your warehouse's loader "
        ~ "and leave raw_audit_log_path empty, or override read_raw_audit_log."
    ) }}
{%- endmacro %}

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

{% macro duckdb__read_raw_audit_log(path) -%}
    {%- set format = raw_audit_log_format(path) -%}
    {%- set quoted_path = "'" ~ (path | replace("'", "''")) ~ "'" -%}
    {%- if format == 'csv' -%}
        read_csv(
            {{ quoted_path }},
            header = true,
            all_varchar = true,
            union_by_name = true,
            filename = true,
            delim = ',',
            quote = '"',
            escape = '"'
        )
    {%- elif format == 'parquet' -%}
        read_parquet({{ quoted_path }}, union_by_name = true, filename = true)
    {%- else -%}
        read_json(
            {{ quoted_path }},
            format = 'newline_delimited',
            filename = true,
            columns = {
                {%- for column in audit_log_columns() %}
                {{ column }}: 'varchar'{{ "," if not loop.last }}
                {%- endfor %}
            }
        )
    {%- endif -%}
{%- endmacro %}
