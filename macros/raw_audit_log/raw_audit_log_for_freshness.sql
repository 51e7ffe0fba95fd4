{#-
    The whole raw audit log for `dbt source freshness`: every file of
    `raw_audit_log_path`, loaded or not (it asks whether the export still
    delivers, not whether the build ran), or the demo seed's table, found in
    the graph because a source cannot ref a seed.
-#}
{% macro raw_audit_log_for_freshness() -%}
    {%- if (raw_source_path('janrain') or '') -%}
        {%- set every_file = new_raw_files(skip_loaded=false) -%}
        {{ return(read_raw_files(every_file.files, every_file.columns, every_file.uniform)) }}
    {%- endif -%}
    {%- set seed = graph.nodes.get('seed.customer_insights.raw_audit_log') -%}
    {{ return(api.Relation.create(database=seed.database, schema=seed.schema, identifier=seed.alias)) }}
{%- endmacro %}
