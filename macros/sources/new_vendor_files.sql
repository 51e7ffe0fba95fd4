{#-
    The files of vendor source `source` (auth0, keycloak) this run reads: the
    files of its path (a glob of JSON lines or JSON array files) that no
    earlier run loaded and that are not empty, in name order; with an empty
    path, that source's demo seed (`seed:raw_<source>_log`) until it is
    loaded; nothing when the build does not read the source.
-#}
{% macro new_vendor_files(source, skip_loaded=true) -%}
    {%- set path = raw_source_path(source) -%}
    {%- if path is none or not execute -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set loaded = loaded_raw_files() if skip_loaded else {} -%}
    {%- if path == '' -%}
        {%- set seed = 'seed:raw_' ~ source ~ '_log' -%}
        {{ return([] if seed in loaded else [seed]) }}
    {%- endif -%}
    {%- if raw_audit_log_format(path) != 'json' -%}
        {{ exceptions.raise_compiler_error(
            "The " ~ source ~ " files '" ~ path ~ "' must be JSON lines or JSON arrays (.jsonl, .ndjson, .json)."
        ) }}
    {%- endif -%}
    {{ return(adapter.dispatch('new_vendor_files', 'customer_insights')(source, path, loaded)) }}
{%- endmacro %}

{% macro default__new_vendor_files(source, path, loaded) -%}
    {{ exceptions.raise_compiler_error(
        "Reading " ~ source ~ " files is implemented for DuckDB; on '" ~ adapter.type()
        ~ "' load the records into the seed raw_" ~ source ~ "_log (line_number, raw_record) instead."
    ) }}
{%- endmacro %}

{% macro duckdb__new_vendor_files(source, path, loaded) -%}
    {%- set quoted_path = "'" ~ (path | replace("'", "''")) ~ "'" -%}
    {%- set matched = run_query(
        'select file from glob(' ~ quoted_path ~ ') order by file'
    ).columns[0].values() | list -%}
    {%- if not matched -%}
        {{ exceptions.raise_compiler_error("The " ~ source ~ " path '" ~ path ~ "' matches no file.") }}
    {%- endif -%}
    {%- set candidates = matched | reject('in', loaded) | list -%}
    {%- if not candidates -%}
        {{ return([]) }}
    {%- endif -%}
    {{ return(run_query(
        'select filename from read_blob(' ~ duckdb_file_list(candidates) ~ ') where size > 0 order by filename'
    ).columns[0].values() | list) }}
{%- endmacro %}
