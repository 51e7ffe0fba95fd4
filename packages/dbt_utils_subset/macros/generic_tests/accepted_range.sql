{#-
    Fails with every row whose `column_name` lies outside the range from
    `min_value` to `max_value` (either bound may be left out), bounds included
    unless `inclusive` is false. Null values pass, as in dbt-utils.
-#}
{% test accepted_range(model, column_name, min_value=none, max_value=none, inclusive=true) %}
    {{ return(adapter.dispatch('test_accepted_range', 'dbt_utils')(
        model, column_name, min_value, max_value, inclusive
    )) }}
{% endtest %}

{% macro default__test_accepted_range(model, column_name, min_value, max_value, inclusive) %}
    {%- set or_equal = '=' if inclusive else '' %}
    select *
    from {{ model }}
    where
        1 = 2
        {%- if min_value is not none %}
        or not ({{ column_name }} >{{ or_equal }} {{ min_value }})
        {%- endif %}
        {%- if max_value is not none %}
        or not ({{ column_name }} <{{ or_equal }} {{ max_value }})
        {%- endif %}
{% endmacro %}
