{#-
    Marts land in the target schema (`main` on DuckDB) so BI tools find them by
    their plain names; every other layer lands in a schema named after it
    (`staging`, `intermediate`, `seeds`), not `<target>_<layer>`.
-#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {%- if custom_schema_name is none -%}
        {{ target.schema }}
    {%- else -%}
        {{ custom_schema_name | trim }}
    {%- endif -%}
{%- endmacro %}
