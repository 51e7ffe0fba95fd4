{#-
    Raw columns that are personal data. They stop at validation: no mart has
    them; a rejected record's values are kept in the restricted relation
    audit_log_reject_personal_data only.
-#}
{% macro personal_data_columns() -%}
    {{ return(['ip_address', 'user_agent']) }}
{%- endmacro %}
