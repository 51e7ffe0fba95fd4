{#-
    on-run-start: the SQL functions the JSON macros need where the engine
    lacks them. PostgreSQL 15: `ci_try_jsonb` (text to jsonb, null when it is
    not JSON) and `ci_canonical_json` (RFC 8785 canonical text of a jsonb),
    created in the target schema. Other engines need none.
-#}
{% macro create_json_functions() -%}
    {{ return(adapter.dispatch('create_json_functions', 'customer_insights')()) }}
{%- endmacro %}

{% macro default__create_json_functions() -%}
    select 1
{%- endmacro %}

{% macro postgres__create_json_functions() -%}
    {%- set schema = target.schema -%}
    create schema if not exists {{ schema }};
    create or replace function {{ schema }}.ci_try_jsonb(value text) returns jsonb
    language plpgsql immutable as $ci$
    begin
        return value::jsonb;
    exception when others then
        return null;
    end
    $ci$;
    create or replace function {{ schema }}.ci_canonical_json(value jsonb) returns text
    language plpgsql immutable as $ci$
    declare
        kind text := jsonb_typeof(value);
        result text;
        number numeric;
    begin
        if value is null then
            return null;
        elsif kind = 'object' then
            select '{' || coalesce(string_agg(
                to_json(entry.key)::text || ':' || {{ schema }}.ci_canonical_json(entry.value), ','
                order by entry.key collate "C"
            ), '') || '}'
            into result
            from jsonb_each(value) as entry;
            return result;
        elsif kind = 'array' then
            select '[' || coalesce(string_agg(
                {{ schema }}.ci_canonical_json(element.value), ',' order by element.position
            ), '') || ']'
            into result
            from jsonb_array_elements(value) with ordinality as element(value, position);
            return result;
        elsif kind = 'number' then
            number := value::text::numeric;
            if number = trunc(number) and abs(number) < 1e21 then
                return trunc(number)::text;
            end if;
            return (number::float8)::text;
        end if;
        return value::text;
    end
    $ci$
{%- endmacro %}
