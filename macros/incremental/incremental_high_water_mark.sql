{#-
    This model's high-water mark, as a SQL timestamp literal: the newest
    upstream `processed_at` its earlier runs folded in, from the incremental
    manifest. Literal, so the engine can skip whole row groups of the
    upstream. The oldest possible timestamp on a full build or when the
    manifest has no row for the model yet.

    It also declares the dependency on the manifest (the ref is taken while
    parsing), which the post-hook that moves the mark writes to.
-#}
{% macro incremental_high_water_mark() -%}
    {%- set manifest = ref('incremental_manifest') -%}
    {%- set floor = "cast('1900-01-01 00:00:00' as " ~ dbt.type_timestamp() ~ ")" -%}
    {%- if not execute or not is_incremental() or load_relation(manifest) is none -%}
        {{ return(floor) }}
    {%- endif -%}
    {%- set value = run_query(
        'select max(high_water_mark) from ' ~ manifest
        ~ " where model_name = '" ~ this.identifier ~ "'"
    ).columns[0].values()[0] -%}
    {%- if value is none -%}
        {{ return(floor) }}
    {%- endif -%}
    {{ return("cast('" ~ value ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
{%- endmacro %}
