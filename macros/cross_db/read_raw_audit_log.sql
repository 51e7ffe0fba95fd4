{#-
    A relation reading raw audit-log files, chosen by the path's extension:
    .csv, .parquet, or .jsonl / .ndjson / .json (JSON lines). The path may be a
    glob; files are combined by column name and every value is read as text.
    The relation has exactly the contract's sixteen columns (matched without
    regard to case; extra columns are ignored; an optional column missing from
    every file reads as null) plus `filename`. A file set that lacks a column
    the contract says is never empty stops the build with an error naming it.
    Files named in `skip_files` (already loaded by an earlier run) are not
    read at all, so an incremental run costs what the new files cost.

    Files are checked one by one before anything is read: an empty file
    (0 bytes) holds no record and is passed over; a CSV or Parquet file whose
    header lacks a required column, or that cannot be read at all, stops the
    build with an error naming the file and what is wrong, before any model
    writes. Such a file is not recorded as loaded, so once it is fixed or
    replaced the next run reads it. (JSON lines have no header: a missing key
    is an empty value, and the record is rejected with its reason.)
-#}
{% macro read_raw_audit_log(path, skip_files=[]) -%}
    {{ return(adapter.dispatch('read_raw_audit_log', 'customer_insights')(path, skip_files)) }}
{%- endmacro %}

{% macro default__read_raw_audit_log(path, skip_files) -%}
    {{ exceptions.raise_compiler_error(
        "Reading raw files (raw_audit_log_path) is not implemented for adapter '"
        ~ adapter.type() ~ "' (DuckDB and Spark read files themselves). Write "
        ~ adapter.type() ~ "__read_raw_audit_log over where your loader puts the files"
        ~ " (README, 'Another engine'), or leave raw_audit_log_path empty to build the demo seed."
    ) }}
{%- endmacro %}

{#- Columns a raw file must have: those the contract says are never empty. -#}
{% macro audit_log_required_columns() -%}
    {{ return(['log_id', 'logged_at', 'event_name', 'app_id', 'ingested_at']) }}
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

{% macro duckdb__raw_audit_log_reader(format, files) -%}
    {%- set file_list = duckdb__quoted_file_list(files) -%}
    {%- if format == 'csv' -%}
        read_csv(
            {{ file_list }},
            header = true,
            all_varchar = true,
            union_by_name = true,
            filename = true,
            delim = ',',
            quote = '"',
            escape = '"'
        )
    {%- elif format == 'parquet' -%}
        read_parquet({{ file_list }}, union_by_name = true, filename = true)
    {%- else -%}
        read_json(
            {{ file_list }},
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

{#- The files a path or glob names, in name order (DuckDB's glob()). -#}
{% macro duckdb__raw_audit_log_files(path) -%}
    {%- set quoted_path = "'" ~ (path | replace("'", "''")) ~ "'" -%}
    {%- set result = run_query('select file from glob(' ~ quoted_path ~ ') order by file') -%}
    {{ return(result.columns[0].values() | list) }}
{%- endmacro %}

{% macro duckdb__read_raw_audit_log(path, skip_files) -%}
    {%- set format = raw_audit_log_format(path) -%}
    {%- set files = [] -%}
    {%- set present = {} -%}
    {%- if execute -%}
        {%- set all_files = duckdb__raw_audit_log_files(path) -%}
        {%- if not all_files -%}
            {{ exceptions.raise_compiler_error(
                "raw_audit_log_path '" ~ path ~ "' matches no file."
            ) }}
        {%- endif -%}
        {%- set new_files = [] -%}
        {%- for file in all_files if file not in skip_files %}{% do new_files.append(file) %}{% endfor -%}
        {%- for file in duckdb__non_empty_files(new_files) %}{% do files.append(file) %}{% endfor -%}
        {#- Which contract columns do the files have, under which spelling? -#}
        {%- do present.update(duckdb__check_raw_file_headers(format, files)) -%}
    {%- endif -%}
    {%- if files -%}
    (
        select
            {%- for column in audit_log_columns() %}
            {%- if column in present %}
            cast({{ adapter.quote(present[column]) }} as varchar) as {{ column }},
            {%- else %}
            cast(null as varchar) as {{ column }},
            {%- endif %}
            {%- endfor %}
            filename
        from {{ duckdb__raw_audit_log_reader(format, files) }}
    )
    {%- else -%}
    {#- Nothing new to read (or parsing, not executing). -#}
    {{ empty_raw_audit_log() }}
    {%- endif -%}
{%- endmacro %}

{#- A relation of the raw files' shape with no rows. -#}
{% macro empty_raw_audit_log() -%}
    (
        select
            {%- for column in audit_log_columns() %}
            cast(null as {{ dbt.type_string() }}) as {{ column }},
            {%- endfor %}
            cast(null as {{ dbt.type_string() }}) as filename
        where 1 = 0
    )
{%- endmacro %}

{#- The files that are not empty (0 bytes), from file metadata only. -#}
{% macro duckdb__non_empty_files(files) -%}
    {%- if not files -%}{{ return([]) }}{%- endif -%}
    {%- set sizes = run_query(
        'select filename from read_blob(' ~ duckdb__quoted_file_list(files) ~ ') where size > 0'
    ).columns[0].values() | list -%}
    {{ return(files | select('in', sizes) | list) }}
{%- endmacro %}

{% macro duckdb__quoted_file_list(files) -%}
    [{% for file in files %}'{{ file | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor %}]
{%- endmacro %}

{#-
    Stops the build, naming the files and columns, when a CSV or Parquet file
    lacks a required column in its header. Parquet headers are read in one
    metadata query; CSV files are sniffed one by one (a few ms each). A file
    DuckDB cannot read at all fails here too, with DuckDB's message naming it.
    Returns the columns the files have: lower-cased name -> spelling (JSON
    lines are read with the contract's columns declared, so all of them).
-#}
{% macro duckdb__check_raw_file_headers(format, files) -%}
    {%- set spellings = {} -%}
    {%- if format == 'json' -%}
        {%- for column in audit_log_columns() %}{% do spellings.update({column: column}) %}{% endfor -%}
        {{ return(spellings) }}
    {%- endif -%}
    {%- if not files %}{{ return(spellings) }}{% endif -%}
    {%- set columns_by_file = {} -%}
    {%- if format == 'parquet' -%}
        {%- set schema = run_query(
            'select file_name, name from parquet_schema('
            ~ duckdb__quoted_file_list(files) ~ ')'
        ) -%}
        {%- for row in schema.rows -%}
            {%- do columns_by_file.setdefault(row[0], []).append(row[1]) -%}
        {%- endfor -%}
    {%- else -%}
        {%- for file in files -%}
            {%- set described = run_query(
                'describe select * from ' ~ duckdb__raw_audit_log_reader(format, [file])
            ) -%}
            {%- do columns_by_file.update({file: described.columns[0].values() | list}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set problems = [] -%}
    {%- for file in files -%}
        {%- for name in columns_by_file.get(file, []) -%}
            {%- do spellings.setdefault(name | lower, name) -%}
        {%- endfor -%}
        {%- set present = columns_by_file.get(file, []) | map('lower') | list -%}
        {%- set missing = audit_log_required_columns() | reject('in', present) | list -%}
        {%- if missing -%}
            {%- do problems.append("'" ~ file ~ "' has no column " ~ (missing | join(', '))) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            "Raw audit-log file(s) without a required column: " ~ (problems | join('; '))
            ~ ". The contract (section 1) requires: " ~ (audit_log_required_columns() | join(', '))
            ~ ". Nothing was built from this run's files: fix or remove the file(s) and run again."
        ) }}
    {%- endif -%}
    {{ return(spellings) }}
{%- endmacro %}
