{#-
    Fails with one row per combination of `combination_of_columns` that occurs
    more than once. `quote_columns: true` quotes the column names (for names
    that need it).
-#}
{% test unique_combination_of_columns(model, combination_of_columns, quote_columns=false) %}
    {{ return(adapter.dispatch('test_unique_combination_of_columns', 'dbt_utils')(
        model, combination_of_columns, quote_columns
    )) }}
{% endtest %}

{% macro default__test_unique_combination_of_columns(model, combination_of_columns, quote_columns) %}
    {%- if quote_columns not in (true, false) -%}
        {{ exceptions.raise_compiler_error(
            "unique_combination_of_columns: quote_columns must be true or false, not '"
            ~ quote_columns ~ "'"
        ) }}
    {%- endif -%}
    {%- set columns = [] %}
    {%- for column in combination_of_columns %}
        {%- do columns.append(adapter.quote(column) if quote_columns else column) %}
    {%- endfor %}
    select {{ columns | join(', ') }}
    from {{ model }}
    group by {{ columns | join(', ') }}
    having count(*) > 1
{% endmacro %}
