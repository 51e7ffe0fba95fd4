{#-
    The canonical JSON text of the parsed JSON `json` (RFC 8785, JCS): no
    white space outside strings, object keys sorted at every depth, numbers
    as ECMAScript writes them (an integral number as a plain integer). Keys
    named in `drop_keys` are left out of the outermost object. Nesting is
    canonicalized `depth` levels deep (audit records nest three or four);
    anything deeper is kept as the engine writes it, minified.

    Used for a vendor record's content (sources.md 2.1): two deliveries are
    the same record when their canonical contents are equal, and a Keycloak
    record without an `id` is named by the md5 of it.
-#}
{% macro canonical_json(json, drop_keys=[], depth=5) -%}
    {{ return(adapter.dispatch('canonical_json', 'customer_insights')(json, drop_keys, depth)) }}
{%- endmacro %}

{% macro duckdb__canonical_json(json, drop_keys, depth) -%}
    {{ _duckdb_canonical_json(json, drop_keys, depth, 0) }}
{%- endmacro %}

{% macro _duckdb_canonical_json(json, drop_keys, depth, level) -%}
    {%- if level >= depth -%}
    cast({{ json }} as varchar)
    {%- else -%}
    {%- set entry = 'e' ~ level -%}
    {%- set element = 'v' ~ level -%}
    {%- set entries = 'map_entries(cast(' ~ json ~ ' as map(varchar, json)))' -%}
    {%- if drop_keys -%}
        {%- set entries = 'list_filter(' ~ entries ~ ', lambda ' ~ entry ~ ': ' ~ entry ~ '.key not in ('
            ~ (drop_keys | map('tojson') | join(', ') | replace('"', "'")) ~ '))' -%}
    {%- endif -%}
    (case json_type({{ json }})
        when 'OBJECT' then '{' || array_to_string(list_transform(
            list_sort({{ entries }}),
            lambda {{ entry }}: to_json({{ entry }}.key) || ':'
                || coalesce({{ _duckdb_canonical_json(entry ~ '.value', [], depth, level + 1) }}, 'null')
        ), ',') || '}'
        when 'ARRAY' then '[' || array_to_string(list_transform(
            cast({{ json }} as json[]),
            lambda {{ element }}: coalesce({{ _duckdb_canonical_json(element, [], depth, level + 1) }}, 'null')
        ), ',') || ']'
        when 'DOUBLE' then
            case
                when cast({{ json }} as double) = trunc(cast({{ json }} as double))
                    and abs(cast({{ json }} as double)) < 1e21
                    then cast(cast(cast({{ json }} as double) as hugeint) as varchar)
                else cast(cast({{ json }} as double) as varchar)
            end
        else cast({{ json }} as varchar)
    end)
    {%- endif -%}
{%- endmacro %}
