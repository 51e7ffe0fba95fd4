{#-
    Seeds on PostgreSQL: dbt's default inserts each batch with a statement it
    writes value by value in Jinja (16 placeholders x 15 000 demo rows), which
    takes half a minute. The placeholders of one row are the same for every
    row, so they are written once and repeated: the same statement and the
    same bindings, built in a fraction of the time. dbt dispatches
    load_csv_rows to the root project first, so this overrides the default
    for PostgreSQL only.
-#}
{% macro postgres__load_csv_rows(model, agate_table) %}
    {%- set cols_sql = get_seed_column_quoted_csv(model, agate_table.column_names) -%}
    {%- set placeholders = [get_binding_char()] * (agate_table.column_names | length) -%}
    {%- set row_sql = '(' ~ (placeholders | join(', ')) ~ ')' -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(get_batch_size()) -%}
        {%- set bindings = [] -%}
        {%- for row in chunk %}{% do bindings.extend(row) %}{% endfor -%}
        {%- set sql -%}
            insert into {{ this.render() }} ({{ cols_sql }}) values
            {{ ([row_sql] * (chunk | length)) | join(',\n') }}
        {%- endset -%}
        {%- do adapter.add_query(sql, bindings=bindings, abridge_sql_log=True) -%}
        {%- if loop.first %}{% do statements.append(sql) %}{% endif -%}
    {%- endfor -%}
    {{ return(statements[0]) }}
{% endmacro %}

{#-
    Loading seeds on Spark (method session). dbt-spark's own version binds
    values by pasting them between quotes unescaped, so a value with a quote
    (the demo's user agents say "Zoë's Pixel") breaks the statement, and an
    empty cell becomes the text 'None'. Here every value is an escaped
    literal (Spark string literals take backslash escapes) and an empty cell
    is null, as on the other engines. Overrides dbt-spark's
    spark__load_csv_rows (the root project comes first in dbt's dispatch).
-#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set types = [] -%}
    {%- for col_name in agate_table.column_names -%}
        {%- do types.append(column_override.get(col_name, adapter.convert_type(agate_table, loop.index0))) -%}
    {%- endfor -%}
    {%- set statements = [] -%}
    {%- for chunk in agate_table.rows | batch(1000) -%}
        {%- set sql -%}
            insert into {{ this.render() }} values
            {% for row in chunk -%}
                ({%- for value in row -%}
                    {%- if value is none -%}
                        cast(null as {{ types[loop.index0] }})
                    {%- else -%}
                        {%- set literal = "'" ~ (value | string | replace("\\", "\\\\") | replace("'", "\\'")) ~ "'" -%}
                        {#- Text needs no cast (and casting 15k values costs Spark's analyzer seconds). -#}
                        {%- if (types[loop.index0] | lower) == 'string' -%}
                            {{ literal }}
                        {%- else -%}
                            cast({{ literal }} as {{ types[loop.index0] }})
                        {%- endif -%}
                    {%- endif -%}
                    {{- ", " if not loop.last -}}
                {%- endfor -%})
                {{- "," if not loop.last }}
            {% endfor %}
        {%- endset -%}
        {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
        {%- if loop.first %}{% do statements.append(sql) %}{% endif -%}
    {%- endfor -%}
    {{ return(statements[0] if statements else '') }}
{% endmacro %}
