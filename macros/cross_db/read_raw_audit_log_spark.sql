{#-
    Spark: the raw files of `raw_audit_log_path` (a path or glob) through
    Spark's CSV / Parquet / JSON-lines readers, every value as text, columns
    matched without regard to case; a contract column that no file has reads
    as null, and a required one missing stops the build naming the files.
    `filename` is the file's path without a `file:` scheme.

    Like DuckDB's reader, it first lists the files (Spark's binaryFile
    source, which reads names and sizes but no content when its `content`
    column is not selected), drops the ones earlier runs loaded (`skip_files`)
    and the empty ones, and reads only the rest, so an incremental run costs
    what its new files cost. The files of one directory are read together
    (`dir/{a.csv,b.csv}`), one reader per directory; the header check covers
    each directory's new files as a set (Spark merges their schemas).
-#}
{% macro spark__read_raw_audit_log(path, skip_files) -%}
    {%- set format = raw_audit_log_format(path) -%}
    {%- if not execute -%}
        {{ return(empty_raw_audit_log()) }}
    {%- endif -%}
    {%- set new_files = spark__raw_audit_log_files(path) | reject('in', skip_files) | list -%}
    {%- if not new_files -%}
        {{ return(empty_raw_audit_log()) }}
    {%- endif -%}
    {%- set by_directory = {} -%}
    {%- for file in new_files -%}
        {%- set parts = file.rsplit('/', 1) -%}
        {%- do by_directory.setdefault(parts[0], []).append(parts[1]) -%}
    {%- endfor -%}
    {%- set readers = [] -%}
    {%- for directory, names in by_directory | dictsort -%}
        {%- set escaped = [] -%}
        {%- for name in names -%}
            {%- do escaped.append(modules.re.sub('([{}\\[\\]*?,\\\\])', '\\\\\\1', name)) -%}
        {%- endfor -%}
        {%- do readers.append(spark__raw_file_reader(
            format, directory ~ '/{' ~ (escaped | join(',')) ~ '}', directory
        )) -%}
    {%- endfor -%}
    (
        {{ readers | join('\n        union all\n') }}
    )
{%- endmacro %}

{#- The files a path or glob names, without empty ones, in name order. -#}
{% macro spark__raw_audit_log_files(path) -%}
    {%- set view = 'ci_raw_files_' ~ local_md5(path) -%}
    {%- do run_query(
        'create or replace temporary view ' ~ view ~ ' using binaryFile options (path '
        ~ spark__string_literal(path) ~ ')'
    ) -%}
    {%- set listed = run_query(
        "select regexp_replace(path, '^file:(//)?', '') from " ~ view
        ~ ' where length > 0 order by 1'
    ).columns[0].values() | list -%}
    {%- if not listed -%}
        {{ exceptions.raise_compiler_error("raw_audit_log_path '" ~ path ~ "' matches no file.") }}
    {%- endif -%}
    {{ return(listed) }}
{%- endmacro %}

{#-
    One reader over the files `glob` names (all in `directory`): a temporary
    view of Spark's reader, checked for the required columns, selected as the
    contract's sixteen text columns plus filename.
-#}
{% macro spark__raw_file_reader(format, glob, directory) -%}
    {%- set view = 'ci_raw_audit_log_' ~ local_md5(glob) -%}
    {%- if format == 'csv' -%}
        {%- set options = "header 'true', multiLine 'true', quote '\"', escape '\"'" -%}
    {%- elif format == 'parquet' -%}
        {%- set options = "mergeSchema 'true'" -%}
    {%- else -%}
        {%- set options = "primitivesAsString 'true'" -%}
    {%- endif -%}
    {%- do run_query(
        'create or replace temporary view ' ~ view ~ ' using ' ~ format
        ~ ' options (path ' ~ spark__string_literal(glob) ~ ', ' ~ options ~ ')'
    ) -%}
    {%- set present = {} -%}
    {%- for row in run_query('describe ' ~ view).rows -%}
        {%- if row[0] and not (row[0] | string).startswith('#') -%}
            {%- do present.setdefault(row[0] | lower, row[0]) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set missing = audit_log_required_columns() | reject('in', present) | list -%}
    {%- if format != 'json' and missing -%}
        {{ exceptions.raise_compiler_error(
            "Raw audit-log files '" ~ glob ~ "' have no column " ~ (missing | join(', '))
            ~ ". The contract (section 1) requires: " ~ (audit_log_required_columns() | join(', '))
            ~ ". Nothing was built from this run's files: fix or remove the file(s) and run again."
        ) }}
    {%- endif -%}
        select
            {%- for column in audit_log_columns() %}
            {%- if column in present %}
            cast({{ adapter.quote(present[column]) }} as string) as {{ column }},
            {%- else %}
            cast(null as string) as {{ column }},
            {%- endif %}
            {%- endfor %}
            regexp_replace(input_file_name(), '^file:(//)?', '') as filename
        from {{ view }}
{%- endmacro %}

{#- A Spark string literal (backslash escapes). -#}
{% macro spark__string_literal(text) -%}
    '{{ text | replace("\\", "\\\\") | replace("'", "\\'") }}'
{%- endmacro %}
