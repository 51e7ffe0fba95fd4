{#-
    The records of vendor source `source` in `files` (from new_vendor_files),
    one row per line of a JSON-lines file or element of a JSON-array file:
    `source_file`, `line_number` (1-based position in the file) and
    `raw_record` (its text as delivered). Lines are not parsed here: a line
    that is not JSON is a record too, which validation rejects. The demo
    seed when `files` is `['seed:raw_<source>_log']`; no rows when empty.
-#}
{% macro read_vendor_records(source, files) -%}
    {%- if not files -%}
    (
        select
            cast(null as {{ dbt.type_string() }}) as source_file,
            cast(null as {{ dbt.type_bigint() }}) as line_number,
            cast(null as {{ dbt.type_string() }}) as raw_record
        where 1 = 0
    )
    {%- elif files == ['seed:raw_' ~ source ~ '_log'] -%}
    (
        select
            cast('{{ files[0] }}' as {{ dbt.type_string() }}) as source_file,
            cast(line_number as {{ dbt.type_bigint() }}) as line_number,
            cast(raw_record as {{ dbt.type_string() }}) as raw_record
        from {{ ref('raw_' ~ source ~ '_log') }}
    )
    {%- else -%}
    {{ adapter.dispatch('read_vendor_records', 'customer_insights')(source, files) }}
    {%- endif -%}
{%- endmacro %}

{#-
    DuckDB: each file read whole (read_text), then split into its lines, or,
    when the whole file is one JSON array, into its elements.
-#}
{% macro duckdb__read_vendor_records(source, files) -%}
    (
        select
            source_file,
            unnest(generate_series(1, len(records))) as line_number,
            unnest(records) as raw_record
        from (
            select
                filename as source_file,
                case
                    when regexp_matches(content, '^\s*\[') and json_valid(content)
                        then list_transform(cast(json(content) as json[]), lambda element: cast(element as varchar))
                    else string_split(content, chr(10))
                end as records
            from read_text({{ duckdb_file_list(files) }})
        ) as vendor_files
    )
{%- endmacro %}

{% macro default__read_vendor_records(source, files) -%}
    {{ exceptions.raise_compiler_error(
        "Reading " ~ source ~ " files is implemented for DuckDB; on '" ~ adapter.type()
        ~ "' load the records into the seed raw_" ~ source ~ "_log (line_number, raw_record) instead."
        ~ " Files: " ~ (files | join(', '))
    ) }}
{%- endmacro %}
