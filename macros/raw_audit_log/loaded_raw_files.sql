{#-
    The raw files (or the demo seed, `seed:raw_audit_log`) that earlier runs
    loaded, from the incremental manifest. None on a full refresh.
-#}
{% macro loaded_raw_files() -%}
    {%- set manifest = ref('incremental_manifest') -%}
    {%- if not execute or flags.FULL_REFRESH or load_relation(manifest) is none -%}
        {{ return([]) }}
    {%- endif -%}
    {{ return(run_query(
        'select distinct source_file from ' ~ manifest ~ ' where source_file is not null'
    ).columns[0].values() | list) }}
{%- endmacro %}
