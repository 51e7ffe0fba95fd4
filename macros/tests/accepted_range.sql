{#-
    Stand-in for dbt_utils.accepted_range: fails with every row whose column
    lies outside [min_value, max_value] (either bound optional, inclusive).
-#}
{% test accepted_range(model, column_name, min_value=none, max_value=none) %}
    {{ return(adapter.dispatch('test_accepted_range', 'customer_insights')(
        model, column_name, min_value, max_value
    )) }}
{% endtest %}

{% macro default__test_accepted_range(model, column_name, min_value, max_value) %}
    select *
    from {{ model }}
    where
        1 = 2
        {%- if min_value is not none %}
        or {{ column_name }} < {{ min_value }}
        {%- endif %}
        {%- if max_value is not none %}
        or {{ column_name }} > {{ max_value }}
        {%- endif %}
{% endmacro %}
