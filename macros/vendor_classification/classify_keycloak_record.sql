{#-
    Keycloak (sources.md 4.2, 4.3): what one event record is by itself.
    `classify_keycloak_record_class` names the rule family of a record that
    may become an event (the rules that need other records decide in
    int_vendor_records__classified); `classify_keycloak_row_exclusion` gives
    the reason a record is excluded whatever else is in the log. Arguments
    are SQL expressions over the record: whether it is an admin event, its
    user-event `type`, `clientId` and `details.credential_type`, and for an
    admin event its `operationType`, `resourceType`, `resourcePath` and `error`.
-#}
{% macro classify_keycloak_record_class(
    is_admin, type, client_id, credential_type, operation_type, resource_type, resource_path, error
) -%}
    case
        when {{ is_admin }} then
            case
                when {{ error }} is not null then null
                when not coalesce({{ regex_full_match(resource_path, 'users/[^/]+') }}, false) then null
                when {{ resource_type }} = 'REALM' and {{ operation_type }} = 'CREATE' then 'bulk_create'
                when {{ resource_type }} = 'USER' and {{ operation_type }} = 'CREATE' then 'user_create'
                when {{ resource_type }} = 'USER' and {{ operation_type }} = 'UPDATE' then 'user_update'
                when {{ resource_type }} = 'USER' and {{ operation_type }} = 'DELETE' then 'user_delete'
            end
        when {{ client_id }} in ('security-admin-console', 'admin-cli') then null
        when {{ type }} = 'REGISTER' then 'registration'
        when {{ type }} = 'LOGIN' then 'sign_in'
        when {{ type }} in (
            'UPDATE_PROFILE', 'UPDATE_EMAIL', 'UPDATE_PASSWORD', 'FEDERATED_IDENTITY_LINK',
            'REMOVE_FEDERATED_IDENTITY'
        ) then 'profile_change'
        when {{ type }} = 'UPDATE_CREDENTIAL' and {{ credential_type }} = 'password' then 'profile_change'
        when {{ type }} = 'DELETE_ACCOUNT' then 'delete'
    end
{%- endmacro %}

{% macro classify_keycloak_row_exclusion(
    is_admin, type, client_id, credential_type, operation_type, resource_type, resource_path, error
) -%}
    case
        when {{ is_admin }} then
            case
                when {{ error }} is not null then 'failed_operation'
                when {{ classify_keycloak_record_class(
                    is_admin, type, client_id, credential_type, operation_type, resource_type, resource_path, error
                ) }} is null then 'not_an_insights_event'
            end
        when {{ client_id }} in ('security-admin-console', 'admin-cli') then 'not_an_insights_event'
        when {{ type }} in (
            'VERIFY_EMAIL', 'SEND_VERIFY_EMAIL', 'VERIFY_EMAIL_ERROR', 'SEND_VERIFY_EMAIL_ERROR'
        ) then 'email_verification'
        when {{ type }} in (
            'RESET_PASSWORD', 'SEND_RESET_PASSWORD', 'RESET_PASSWORD_ERROR', 'SEND_RESET_PASSWORD_ERROR'
        ) then 'password_recover'
        when {{ type }} in (
            'LOGIN_ERROR', 'IDENTITY_PROVIDER_LOGIN_ERROR', 'IDENTITY_PROVIDER_FIRST_LOGIN_ERROR'
        ) then 'failed_signin'
        when {{ dbt.right(type, 6) }} = '_ERROR' then 'failed_operation'
        when {{ classify_keycloak_record_class(
            is_admin, type, client_id, credential_type, operation_type, resource_type, resource_path, error
        ) }} is null and {{ type }} is not null then 'not_an_insights_event'
    end
{%- endmacro %}
