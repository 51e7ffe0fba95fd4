{#-
    `sum(event_count)` over the rows of a rolled-up mart that satisfy
    `condition`, as a bigint (0, not null, when none does): one column of a
    wide dashboard table such as registrations or sign-ins.
-#}
{% macro sum_event_count_where(condition, count_column='event_count') -%}
    cast(sum(case when {{ condition }} then {{ count_column }} else 0 end) as {{ dbt.type_bigint() }})
{%- endmacro %}
