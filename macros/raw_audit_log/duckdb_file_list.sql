{#- DuckDB: `files` as a list literal for its readers and table functions. -#}
{% macro duckdb_file_list(files) -%}
    [{% for file in files %}'{{ file | replace("'", "''") }}'{{ ", " if not loop.last }}{% endfor %}]
{%- endmacro %}
