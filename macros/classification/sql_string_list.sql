{#-
    A list of strings as a SQL list for `in`: `('a', 'b')`. An empty list gives
    `(null)`, valid SQL that `in` never matches (and `not in` never passes).
-#}
{% macro sql_string_list(values) -%}
    {%- if not values -%}
        (null)
    {%- else -%}
        ({% for value in values %}'{{ value }}'{{ ", " if not loop.last }}{% endfor %})
    {%- endif -%}
{%- endmacro %}
