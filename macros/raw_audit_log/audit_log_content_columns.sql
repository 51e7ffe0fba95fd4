{#-
    The columns that make up a record's content, i.e. everything but
    `ingested_at`: a re-delivery of the same record is received at another time
    but is still the same record.
-#}
{% macro audit_log_content_columns() -%}
    {{ return(audit_log_columns() | reject('equalto', 'ingested_at') | list) }}
{%- endmacro %}
