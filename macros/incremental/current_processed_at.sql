{#-
    The `processed_at` of this run, as a SQL timestamp literal: the start of
    the dbt invocation, the same for every model of the run. Every row an
    incremental model writes carries it, and the manifest records it, so a
    batch is the set of rows one run wrote.
-#}
{% macro current_processed_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}
