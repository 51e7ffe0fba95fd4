{#-
    The value at `keys` (a list of object keys, outermost first) of the
    parsed JSON `json`: as text (`json_text`: a string unquoted, any other
    value as its JSON text, null when absent or JSON null), or its JSON type
    (`json_type_at`: object, array, string, integer, number, boolean, null; none when absent).
-#}
{% macro json_text(json, keys) -%}
    {{ return(adapter.dispatch('json_text', 'customer_insights')(json, keys)) }}
{%- endmacro %}

{% macro json_type_at(json, keys) -%}
    {{ return(adapter.dispatch('json_type_at', 'customer_insights')(json, keys)) }}
{%- endmacro %}

{#- A JSONPath literal of `keys`: $."a"."b". -#}
{% macro _json_path_literal(keys) -%}
    {%- set parts = ['$'] -%}
    {%- for key in keys %}{% do parts.append('"' ~ key ~ '"') %}{% endfor -%}
    '{{ parts | join('.') }}'
{%- endmacro %}

{% macro default__json_text(json, keys) -%}
    ({{ json }} #>> '{ {{- keys | join(',') -}} }')
{%- endmacro %}

{% macro duckdb__json_text(json, keys) -%}
    json_extract_string({{ json }}, {{ _json_path_literal(keys) }})
{%- endmacro %}

{% macro default__json_type_at(json, keys) -%}
    case jsonb_typeof({{ json }} #> '{ {{- keys | join(',') -}} }')
        when 'number' then
            case when ({{ json }} #>> '{ {{- keys | join(',') -}} }') ~ '^-?[0-9]+$' then 'integer' else 'number' end
        else jsonb_typeof({{ json }} #> '{ {{- keys | join(',') -}} }')
    end
{%- endmacro %}

{% macro duckdb__json_type_at(json, keys) -%}
    case json_type({{ json }}, {{ _json_path_literal(keys) }})
        when 'OBJECT' then 'object'
        when 'ARRAY' then 'array'
        when 'VARCHAR' then 'string'
        when 'UBIGINT' then 'integer'
        when 'BIGINT' then 'integer'
        when 'HUGEINT' then 'integer'
        when 'UHUGEINT' then 'integer'
        when 'DOUBLE' then 'number'
        when 'BOOLEAN' then 'boolean'
        when 'NULL' then 'null'
    end
{%- endmacro %}

{#- The JSON value at `keys` of the parsed JSON `json` (null when absent). -#}
{% macro json_at(json, keys) -%}
    {{ return(adapter.dispatch('json_at', 'customer_insights')(json, keys)) }}
{%- endmacro %}

{% macro default__json_at(json, keys) -%}
    ({{ json }} #> '{ {{- keys | join(',') -}} }')
{%- endmacro %}

{% macro duckdb__json_at(json, keys) -%}
    json_extract({{ json }}, {{ _json_path_literal(keys) }})
{%- endmacro %}

{#- Spark: the parsed JSON is a VARIANT. -#}
{% macro spark__json_at(json, keys) -%}
    variant_get({{ json }}, '${% for key in keys %}.{{ key }}{% endfor %}')
{%- endmacro %}

{% macro spark__json_text(json, keys) -%}
    {%- set value = spark__json_at(json, keys) -%}
    case
        when {{ value }} is null or is_variant_null({{ value }}) then null
        when schema_of_variant({{ value }}) = 'STRING' then try_variant_get({{ value }}, '$', 'string')
        else to_json({{ value }})
    end
{%- endmacro %}

{% macro spark__json_type_at(json, keys) -%}
    {%- set value = spark__json_at(json, keys) -%}
    case
        when {{ value }} is null then null
        when is_variant_null({{ value }}) then 'null'
        when schema_of_variant({{ value }}) like 'OBJECT%' then 'object'
        when schema_of_variant({{ value }}) like 'ARRAY%' then 'array'
        when schema_of_variant({{ value }}) = 'STRING' then 'string'
        when schema_of_variant({{ value }}) in ('BIGINT', 'INT', 'SMALLINT', 'TINYINT') then 'integer'
        when schema_of_variant({{ value }}) = 'BOOLEAN' then 'boolean'
        else 'number'
    end
{%- endmacro %}
