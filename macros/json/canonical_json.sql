{#-
    The canonical JSON text of the parsed JSON `json` (RFC 8785, JCS): no
    white space outside strings, object keys sorted at every depth, numbers
    as ECMAScript writes them (an integral number as a plain integer). Keys
    named in `drop_keys` are left out of the outermost object.

    Used for a vendor record's content (sources.md 2.1): two deliveries are
    the same record when their canonical contents are equal, and a Keycloak
    record without an `id` is named by the md5 of it, the same on every engine.
    DuckDB canonicalizes `depth` levels (audit records nest three or four;
    anything deeper is kept minified as DuckDB writes it); PostgreSQL uses
    ci_canonical_json (create_json_functions); Spark's VARIANT already keeps
    object keys sorted, and its `to_json` writes them so.
-#}
{% macro canonical_json(json, drop_keys=[], depth=5) -%}
    {{ return(adapter.dispatch('canonical_json', 'customer_insights')(json, drop_keys, depth)) }}
{%- endmacro %}

{% macro default__canonical_json(json, drop_keys, depth) -%}
    {{ target.schema }}.ci_canonical_json({{ json }}{% for key in drop_keys %} - '{{ key }}'{% endfor %})
{%- endmacro %}

{#- Spark: the dropped keys are taken out of the text (a string value only, at any depth). -#}
{% macro spark__canonical_json(json, drop_keys, depth) -%}
    {%- set state = namespace(text='to_json(' ~ json ~ ')') -%}
    {%- for key in drop_keys -%}
        {#- "key":"<string>" followed by a comma, or (the last key) preceded by one; the
            string without escaped quotes (timestamps and ids have none). -#}
        {%- set member = '"' ~ key ~ '":"[^"]*"' -%}
        {%- set state.text = "regexp_replace(regexp_replace(" ~ state.text ~ ", '" ~ member ~ ",', ''), ',?"
            ~ member ~ "', '')" -%}
    {%- endfor -%}
    {{ state.text }}
{%- endmacro %}

{% macro duckdb__canonical_json(json, drop_keys, depth) -%}
    {{ _duckdb_canonical_json(json, drop_keys, depth, 0) }}
{%- endmacro %}

{#-
    One level: an object's entries (sorted by key) and an array's elements
    (in order, with a null key) go through the same lambda, so the
    expression grows with the depth, not with its powers of two.
-#}
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
    (case
        when json_type({{ json }}) in ('OBJECT', 'ARRAY') then
            case json_type({{ json }}) when 'OBJECT' then '{' else '[' end
            || array_to_string(list_transform(
                case json_type({{ json }})
                    when 'OBJECT' then list_sort({{ entries }})
                    else list_transform(
                        cast({{ json }} as json[]),
                        lambda {{ element }}: {'key': cast(null as varchar), 'value': {{ element }}}
                    )
                end,
                lambda {{ entry }}: coalesce(to_json({{ entry }}.key) || ':', '')
                    || coalesce({{ _duckdb_canonical_json(entry ~ '.value', [], depth, level + 1) }}, 'null')
            ), ',')
            || case json_type({{ json }}) when 'OBJECT' then '}' else ']' end
        when json_type({{ json }}) = 'DOUBLE'
            and cast({{ json }} as double) = trunc(cast({{ json }} as double))
            and abs(cast({{ json }} as double)) < 1e21
            then cast(cast(cast({{ json }} as double) as hugeint) as varchar)
        when json_type({{ json }}) = 'DOUBLE' then cast(cast({{ json }} as double) as varchar)
        else cast({{ json }} as varchar)
    end)
    {%- endif -%}
{%- endmacro %}
