{#- The package's schema names (marts in the target schema, layers by name). -#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ return(customer_insights.generate_schema_name(custom_schema_name, node)) }}
{%- endmacro %}
