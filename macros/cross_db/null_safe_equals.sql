{#-
    `a` equals `b`, where two nulls count as equal. Written as the SQL
    standard's IS NOT DISTINCT FROM so engines can still use it as a hash-join
    key (an `a = b or (a is null and b is null)` expression cannot be).
-#}
{% macro null_safe_equals(expression_a, expression_b) -%}
    {{ return(adapter.dispatch('null_safe_equals', 'customer_insights')(expression_a, expression_b)) }}
{%- endmacro %}

{% macro default__null_safe_equals(expression_a, expression_b) -%}
    ({{ expression_a }} is not distinct from {{ expression_b }})
{%- endmacro %}

{% macro spark__null_safe_equals(expression_a, expression_b) -%}
    ({{ expression_a }} <=> {{ expression_b }})
{%- endmacro %}
