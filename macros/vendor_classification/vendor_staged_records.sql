{#- The staged records of vendor `source` (auth0_staged_records, keycloak_staged_records) over `raw_records`. -#}
{% macro vendor_staged_records(source, raw_records) -%}
    {%- if source == 'auth0' -%}
        {{ return(auth0_staged_records(raw_records)) }}
    {%- elif source == 'keycloak' -%}
        {{ return(keycloak_staged_records(raw_records)) }}
    {%- endif -%}
    {{ exceptions.raise_compiler_error("No staging for source '" ~ source ~ "'") }}
{%- endmacro %}
