{#-
    The columns every staging model adds to the raw audit-log columns, with
    their types: the source system, the two facts validation needs to choose
    a reject reason (whether the event name is one the source knows, whether
    the record must name a user) and what vendor classification needs from a
    record alone (sources.md sections 3-4): its record class (the rule family it
    belongs to, e.g. `sign_in`, `user_create`; null when the record is
    excluded by itself), the reason when it is, and the signals the rules read.
    Janrain's staging sets the vendor ones to null.
-#}
{% macro vendor_staged_columns() -%}
    {{ return({
        'source_system': dbt.type_string(),
        'record_class': dbt.type_string(),
        'row_exclusion_reason': dbt.type_string(),
        'is_social': dbt.type_boolean(),
        'is_console': dbt.type_boolean(),
        'has_authenticate_prompt': dbt.type_boolean(),
        'logins_count': dbt.type_bigint(),
        'account_enabled': dbt.type_boolean(),
        'is_direct_grant': dbt.type_boolean(),
    }) }}
{%- endmacro %}
