{#-
    The raw audit-log columns of contract section 1, in contract order.
    Every reader, the staging model and the reject relation use this one list.
-#}
{% macro audit_log_columns() -%}
    {{ return([
        'log_id', 'logged_at', 'event_name', 'app_id', 'client_id', 'endpoint',
        'user_uuid', 'identity_provider', 'changed_attributes', 'deactivate_account',
        'batch_id', 'sso_session_id', 'ip_address', 'user_agent', 'failure_reason',
        'ingested_at',
    ]) }}
{%- endmacro %}
