{#-
    dbt-utils' `equality` test, with its meaning: the rows of `model` and of
    `compare_model` are the same set (each side's `except` the other is
    empty), over `compare_columns` if given, else every column of `model`.
    Failing rows say which side has them (`which_diff`).
-#}
{% test equality(model, compare_model, compare_columns=none) %}
    {{ return(adapter.dispatch('test_equality', 'customer_insights_integration_tests')(model, compare_model, compare_columns)) }}
{% endtest %}

{% macro default__test_equality(model, compare_model, compare_columns=none) %}
{%- if compare_columns is none -%}
    {%- if not execute -%}{{ return('select 1 as which_diff where 1 = 0') }}{%- endif -%}
    {%- set compare_columns = adapter.get_columns_in_relation(model) | map(attribute='quoted') | list -%}
{%- endif -%}
{%- set columns = compare_columns | join(', ') %}

with

a as (
    select {{ columns }} from {{ model }}
),

b as (
    select {{ columns }} from {{ compare_model }}
),

a_minus_b as (
    select * from a
    except
    select * from b
),

b_minus_a as (
    select * from b
    except
    select * from a
),

unioned as (
    select 'a_minus_b' as which_diff, a_minus_b.* from a_minus_b
    union all
    select 'b_minus_a' as which_diff, b_minus_a.* from b_minus_a
)

select * from unioned
{% endmacro %}
