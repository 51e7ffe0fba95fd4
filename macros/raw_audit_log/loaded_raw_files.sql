{#-
    The raw files (or the demo seed, `seed:raw_audit_log`) that earlier runs
    loaded, from the incremental manifest, as a dict keyed by file name: a
    history of thousands of hourly files is checked against it once per file
    found, and a dict answers `in` at once where a list would be scanned.
    Empty on a full refresh.
-#}
{% macro loaded_raw_files() -%}
    {%- set manifest = ref('incremental_manifest') -%}
    {%- if not execute or flags.FULL_REFRESH or load_relation(manifest) is none -%}
        {{ return({}) }}
    {%- endif -%}
    {%- set loaded = {} -%}
    {%- for file in run_query(
        'select distinct source_file from ' ~ manifest ~ ' where source_file is not null'
    ).columns[0].values() -%}
        {%- do loaded.update({file: true}) -%}
    {%- endfor -%}
    {{ return(loaded) }}
{%- endmacro %}
