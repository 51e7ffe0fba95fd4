{#-
    The raw files of `source` the batches after `mark` (a SQL timestamp literal) loaded,
    from the incremental manifest, as `{'files', 'columns', 'uniform'}` for
    read_raw_files: what a model that reads raw values itself has to read to
    fold in the batches it has not seen (normally this run's files; after an
    interrupted run, the interrupted run's too).
-#}
{% macro raw_files_loaded_after(mark, source='janrain') -%}
    {%- set manifest = ref('incremental_manifest') -%}
    {%- set nothing = {'files': [], 'columns': {}, 'uniform': true} -%}
    {%- if not execute or load_relation(manifest) is none -%}
        {{ return(nothing) }}
    {%- endif -%}
    {%- set files = run_query(
        'select distinct source_file from ' ~ manifest
        ~ ' where source_file is not null and processed_at > ' ~ mark
        ~ " and coalesce(source_system, 'janrain') = '" ~ source ~ "' order by 1"
    ).columns[0].values() | list -%}
    {%- if not files -%}
        {{ return(nothing) }}
    {%- elif source != 'janrain' or files == ['seed:raw_audit_log'] -%}
        {{ return({'files': files, 'columns': {}, 'uniform': true}) }}
    {%- endif -%}
    {{ return(adapter.dispatch('raw_files_loaded_after', 'customer_insights')(files)) }}
{%- endmacro %}

{% macro default__raw_files_loaded_after(files) -%}
    {{ return({'files': files, 'columns': {}, 'uniform': false}) }}
{%- endmacro %}

{#- DuckDB: the reader needs each contract column's spelling in the files. -#}
{% macro duckdb__raw_files_loaded_after(files) -%}
    {%- set checked = duckdb_raw_file_columns(raw_audit_log_format(raw_source_path('janrain')), files) -%}
    {{ return({'files': files, 'columns': checked.columns, 'uniform': checked.uniform}) }}
{%- endmacro %}
