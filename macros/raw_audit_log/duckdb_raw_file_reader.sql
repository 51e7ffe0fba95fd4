{#-
    DuckDB: the table function that reads `files` of `format` (csv, parquet,
    json lines), every value as text, with a `filename` column; Parquet files
    are matched by column name (their schemas merged unless `merge_schemas`
    is false).
-#}
{% macro duckdb_raw_file_reader(format, files, merge_schemas=true) -%}
    {%- set file_list = duckdb_file_list(files) -%}
    {%- if format == 'csv' -%}
        read_csv(
            {{ file_list }},
            header = true,
            all_varchar = true,
            union_by_name = true,
            filename = true,
            delim = ',',
            quote = '"',
            escape = '"'
        )
    {%- elif format == 'parquet' -%}
        read_parquet({{ file_list }}, union_by_name = {{ 'true' if merge_schemas else 'false' }}, filename = true)
    {%- else -%}
        read_json(
            {{ file_list }},
            format = 'newline_delimited',
            filename = true,
            columns = {
                {%- for column in audit_log_columns() %}
                {{ column }}: 'varchar'{{ "," if not loop.last }}
                {%- endfor %}
            }
        )
    {%- endif -%}
{%- endmacro %}
