{#-
    Spark: the raw files of `raw_audit_log_path` (a path or glob) through a
    temporary view over Spark's CSV / Parquet / JSON-lines reader, every value
    as text, columns matched without regard to case; a contract column that
    no file has reads as null, and a required one that no file has stops the
    build naming it. `filename` is the file's path (input_file_name() without
    its `file://` scheme).

    Simpler than DuckDB's reader: the header check covers the file set as a
    whole (Spark merges the files' schemas), 0-byte Parquet files are not
    passed over, and files already loaded (`skip_files`) are filtered out
    after reading rather than not read at all.
-#}
{% macro spark__read_raw_audit_log(path, skip_files) -%}
    {%- set format = raw_audit_log_format(path) -%}
    {%- set view = 'ci_raw_audit_log_' ~ local_md5(path) -%}
    {%- set present = {} -%}
    {%- if execute -%}
        {%- set quoted_path = "'" ~ (path | replace("\\", "\\\\") | replace("'", "\\'")) ~ "'" -%}
        {%- if format == 'csv' -%}
            {%- set options = "header 'true', multiLine 'true', quote '\"', escape '\"'" -%}
        {%- elif format == 'parquet' -%}
            {%- set options = "mergeSchema 'true'" -%}
        {%- else -%}
            {%- set options = "primitivesAsString 'true'" -%}
        {%- endif -%}
        {%- do run_query(
            'create or replace temporary view ' ~ view ~ ' using ' ~ format
            ~ ' options (path ' ~ quoted_path ~ ', ' ~ options ~ ')'
        ) -%}
        {%- for row in run_query('describe ' ~ view).rows -%}
            {%- if row[0] and not (row[0] | string).startswith('#') -%}
                {%- do present.setdefault(row[0] | lower, row[0]) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set missing = audit_log_required_columns() | reject('in', present) | list -%}
        {%- if format != 'json' and missing -%}
            {{ exceptions.raise_compiler_error(
                "Raw audit-log files '" ~ path ~ "' have no column " ~ (missing | join(', '))
                ~ ". The contract (section 1) requires: " ~ (audit_log_required_columns() | join(', '))
                ~ ". Nothing was built from this run's files: fix or remove the file(s) and run again."
            ) }}
        {%- endif -%}
    {%- endif -%}
    {%- if execute -%}
    (
        select * from (
            select
                {%- for column in audit_log_columns() %}
                {%- if column in present %}
                cast({{ adapter.quote(present[column]) }} as string) as {{ column }},
                {%- else %}
                cast(null as string) as {{ column }},
                {%- endif %}
                {%- endfor %}
                regexp_replace(input_file_name(), '^file://', '') as filename
            from {{ view }}
        ) as raw_files_read
        {%- if skip_files %}
        where filename not in (
            {%- for file in skip_files %}'{{ file | replace("\\", "\\\\") | replace("'", "\\'") }}'{{ ", " if not loop.last }}{% endfor -%}
        )
        {%- endif %}
    )
    {%- else -%}
    {{ empty_raw_audit_log() }}
    {%- endif -%}
{%- endmacro %}
