{#-
    Raw text as the project reads it: surrounding whitespace is not
    significant, and an empty value is null whatever the file format
    (CSV gives empty strings or nulls, JSON may give "").
-#}
{% macro clean_text(expression) -%}
    nullif(trim(cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}
