{#-
    Stand-in for dbt_utils.expression_is_true: fails with every row for which
    `expression` is not true (false or null).
-#}
{% test expression_is_true(model, expression, column_name=none) %}
    {{ return(adapter.dispatch('test_expression_is_true', 'customer_insights')(
        model, expression, column_name
    )) }}
{% endtest %}

{% macro default__test_expression_is_true(model, expression, column_name) %}
    select *
    from {{ model }}
    where not coalesce(
        {%- if column_name is not none %}{{ column_name }} {% endif %}{{ expression }}, false
    )
{% endmacro %}
