{#-
    Fails with every row of `model` for which `expression` is false. A row for
    which it is null passes, as in dbt-utils: write `coalesce(<expression>,
    false)` where null must fail. With `column_name` (the test set on a
    column), the expression is the rest of a comparison, e.g. `>= 0`.
-#}
{% test expression_is_true(model, expression, column_name=none) %}
    {{ return(adapter.dispatch('test_expression_is_true', 'dbt_utils')(
        model, expression, column_name
    )) }}
{% endtest %}

{% macro default__test_expression_is_true(model, expression, column_name) %}
    {%- set condition = expression if column_name is none else column_name ~ ' ' ~ expression %}
    select *
    from {{ model }}
    where not ({{ condition }})
{% endmacro %}
