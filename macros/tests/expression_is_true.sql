{#-
    Stand-in for dbt_utils.expression_is_true: fails with every row for which
    `expression` is not true (false or null). Used for the identities a mart
    must satisfy, e.g. a total equal to the sum of its parts.
-#}
{% test expression_is_true(model, expression) %}
    {{ return(adapter.dispatch('test_expression_is_true', 'customer_insights')(model, expression)) }}
{% endtest %}

{% macro default__test_expression_is_true(model, expression) %}
    select *
    from {{ model }}
    where not coalesce({{ expression }}, false)
{% endmacro %}
