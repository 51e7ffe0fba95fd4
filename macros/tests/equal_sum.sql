{#-
    Fails (one row) when the sum of `column_name` in the model differs from
    `compare_expression` aggregated over `compare_model`: a rolled-up mart must
    add up to the detail it was built from. In the spirit of
    dbt_utils.equal_rowcount, for totals.
-#}
{% test equal_sum(model, column_name, compare_model, compare_expression) %}
    {{ return(adapter.dispatch('test_equal_sum', 'customer_insights')(
        model, column_name, compare_model, compare_expression
    )) }}
{% endtest %}

{% macro default__test_equal_sum(model, column_name, compare_model, compare_expression) %}
    with

    model_total as (
        select coalesce(sum({{ column_name }}), 0) as total
        from {{ model }}
    ),

    compare_total as (
        select {{ compare_expression }} as total
        from {{ compare_model }}
    )

    select
        model_total.total as model_total,
        compare_total.total as compare_total
    from model_total
    cross join compare_total
    where model_total.total <> compare_total.total
{% endmacro %}
