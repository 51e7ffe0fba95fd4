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

{#-
    The columns that make up a record's content, i.e. everything but
    `ingested_at`: a re-delivery of the same record is received at another time
    but is still the same record.
-#}
{% macro audit_log_content_columns() -%}
    {{ return(audit_log_columns() | reject('equalto', 'ingested_at') | list) }}
{%- endmacro %}

{#-
    Raw columns that are personal data. They stop at validation: no mart has
    them; a rejected record's values are kept in the restricted relation
    audit_log_reject_personal_data only.
-#}
{% macro personal_data_columns() -%}
    {{ return(['ip_address', 'user_agent']) }}
{%- endmacro %}
