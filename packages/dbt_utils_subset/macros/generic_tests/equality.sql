{#-
    Fails with the rows that one of `model` and `compare_model` has and the
    other has not (set difference both ways, as dbt-utils: duplicates are not
    counted), over `compare_columns` if given, else every column of `model`.
    Each failing row says which side has it (`which_diff`).
-#}
{% test equality(model, compare_model, compare_columns=none) %}
    {{ return(adapter.dispatch('test_equality', 'dbt_utils')(model, compare_model, compare_columns)) }}
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
