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
