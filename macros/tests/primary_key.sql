{#-
    Stand-in for dbt_constraints.primary_key: fails with every value of
    `column_name` that is null or occurs more than once. Combine it with
    `meta: {incremental_scope: latest_batch}` on incremental tables whose rows
    are never rewritten: the newest batch is then checked against itself, and
    its ids cannot collide with earlier batches because int_audit_log__validated
    never adds a record it already holds.
-#}
{% test primary_key(model, column_name) %}
    {{ return(adapter.dispatch('test_primary_key', 'customer_insights')(model, column_name)) }}
{% endtest %}

{% macro default__test_primary_key(model, column_name) %}
    select
        {{ column_name }},
        count(*) as occurrences
    from {{ model }}
    group by {{ column_name }}
    having count(*) > 1 or {{ column_name }} is null
{% endmacro %}
