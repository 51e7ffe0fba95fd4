{#- Columns a raw file must have: those the contract (section 1) says are never empty. -#}
{% macro audit_log_required_columns() -%}
    {{ return(['log_id', 'logged_at', 'event_name', 'app_id', 'ingested_at']) }}
{%- endmacro %}
