{#-
    What this run has to read: `{'files': [...], 'columns': {name: spelling},
    'uniform': bool}`.

    `files` are the raw files named by `raw_audit_log_path` (a path or glob)
    that no earlier run loaded (per the incremental manifest) and that are not
    empty (0 bytes), in name order; with `raw_audit_log_path` empty, the demo
    seed (`seed:raw_audit_log`) until it is loaded. `columns` maps each
    contract column the files have (lower case) to its spelling in the files;
    `uniform` says whether every file has the same contract columns (then the
    reader need not merge schemas by name, which costs memory per file).

    Files are checked before anything is built: a CSV or Parquet file whose
    header lacks a required column, or that the engine cannot read at all,
    stops the build with an error naming the file. Such a file is not loaded,
    so once it is fixed or replaced the next run reads it. (JSON lines have no
    header: a missing key is an empty value, and the record is rejected with
    its reason.) Called by run_limits, once per run; with `skip_loaded=false`
    it names every file, loaded or not (the full check of invariant 11).
-#}
{% macro new_raw_files(skip_loaded=true) -%}
    {%- set path = raw_source_path('janrain') -%}
    {%- if path is none -%}
        {{ return({'files': [], 'columns': {}, 'uniform': true}) }}
    {%- endif -%}
    {%- set loaded = loaded_raw_files() if skip_loaded else {} -%}
    {%- if not path -%}
        {%- set all_columns = {} -%}
        {%- for column in audit_log_columns() %}{% do all_columns.update({column: column}) %}{% endfor -%}
        {%- set files = [] if 'seed:raw_audit_log' in loaded else ['seed:raw_audit_log'] -%}
        {{ return({'files': files, 'columns': all_columns, 'uniform': true}) }}
    {%- endif -%}
    {%- if not execute -%}
        {{ return({'files': [], 'columns': {}, 'uniform': true}) }}
    {%- endif -%}
    {{ return(adapter.dispatch('new_raw_files', 'customer_insights')(path, loaded)) }}
{%- endmacro %}

{% macro default__new_raw_files(path, loaded) -%}
    {{ exceptions.raise_compiler_error(
        "Reading raw files (raw_audit_log_path) is not implemented for adapter '"
        ~ adapter.type() ~ "' (DuckDB and Spark read files themselves). Write "
        ~ adapter.type() ~ "__new_raw_files and " ~ adapter.type() ~ "__read_raw_files over"
        ~ " where your loader puts the files (docs: 'Another engine'), or leave raw_audit_log_path"
        ~ " empty to build the demo seed."
    ) }}
{%- endmacro %}

{#- DuckDB: glob() lists, read_blob() gives sizes without reading content. -#}
{% macro duckdb__new_raw_files(path, loaded) -%}
    {%- set format = raw_audit_log_format(path) -%}
    {%- set quoted_path = "'" ~ (path | replace("'", "''")) ~ "'" -%}
    {%- set matched = run_query(
        'select file from glob(' ~ quoted_path ~ ') order by file'
    ).columns[0].values() | list -%}
    {%- if not matched -%}
        {{ exceptions.raise_compiler_error("raw_audit_log_path '" ~ path ~ "' matches no file.") }}
    {%- endif -%}
    {%- set candidates = matched | reject('in', loaded) | list -%}
    {%- set files = [] -%}
    {%- if candidates -%}
        {%- set non_empty = run_query(
            'select filename from read_blob(' ~ duckdb_file_list(candidates) ~ ') where size > 0'
        ).columns[0].values() | list -%}
        {%- for file in candidates if file in non_empty %}{% do files.append(file) %}{% endfor -%}
    {%- endif -%}
    {%- set checked = duckdb_raw_file_columns(format, files) -%}
    {{ return({'files': files, 'columns': checked.columns, 'uniform': checked.uniform}) }}
{%- endmacro %}

{#-
    Spark: the binaryFile source lists files with their sizes without reading
    their content; the header check creates each directory's reader (a
    temporary view, which read_raw_files selects from) and describes it, so
    the files of one directory are checked as a set (Spark merges their
    schemas). `filename` is the file's path without a `file:` scheme.
-#}
{% macro spark__new_raw_files(path, loaded) -%}
    {%- set format = raw_audit_log_format(path) -%}
    {%- set view = 'ci_raw_files_' ~ local_md5(path) -%}
    {%- do run_query(
        'create or replace temporary view ' ~ view ~ ' using binaryFile options (path '
        ~ spark_string_literal(path) ~ ')'
    ) -%}
    {%- set listed = run_query(
        "select regexp_replace(path, '^file:(//)?', ''), length from " ~ view ~ ' order by 1'
    ).rows -%}
    {%- if not listed -%}
        {{ exceptions.raise_compiler_error("raw_audit_log_path '" ~ path ~ "' matches no file.") }}
    {%- endif -%}
    {%- set files = [] -%}
    {%- for row in listed if row[0] not in loaded and row[1] > 0 %}{% do files.append(row[0]) %}{% endfor -%}
    {%- set spellings = {} -%}
    {%- for directory, names in files_by_directory(files) | dictsort -%}
        {%- set reader = spark_raw_file_view(format, directory, names) -%}
        {%- set present = {} -%}
        {%- for row in run_query('describe ' ~ reader).rows -%}
            {%- if row[0] and not (row[0] | string).startswith('#') -%}
                {%- do present.setdefault(row[0] | lower, row[0]) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set missing = audit_log_required_columns() | reject('in', present) | list -%}
        {%- if format != 'json' and missing -%}
            {{ raise_missing_raw_columns(["'" ~ directory ~ "/{" ~ (names | join(',')) ~ "}' has no column "
                ~ (missing | join(', '))]) }}
        {%- endif -%}
        {%- for column in audit_log_columns() if column in present -%}
            {%- do spellings.setdefault(column, present[column]) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{ return({'files': files, 'columns': spellings, 'uniform': false}) }}
{%- endmacro %}
