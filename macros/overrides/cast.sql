{#-
    The model contracts (models/**/*.yml) name types the SQL standard's way
    (`varchar`), which DuckDB and PostgreSQL accept. Spark only knows a bare
    `string` (its `varchar` needs a length). dbt builds a contract's empty
    schema query with dbt.cast(null, data_type): on Spark, translate the
    portable text type names there, so one contract serves every engine.
    Other types (timestamp, date, bigint, integer, boolean) are the same.
-#}
{% macro spark__cast(field, type) -%}
    {%- set spark_type = 'string' if (type | trim | lower) in ('varchar', 'text', 'character varying') else type -%}
    cast({{ field }} as {{ spark_type }})
{%- endmacro %}
