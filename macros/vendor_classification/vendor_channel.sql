{#-
    The channel of a vendor event (sources.md 3.4, 4.4), null for an excluded
    record: SSO sign-ins come through the SSO server; Auth0 sign-ins and
    sign-ups through the login page, a sign-up without its own sign-in
    through the Authentication API (`oauth_api`); Keycloak direct grants
    through the API; admin and Management API writes through the console or
    the entity API.
-#}
{% macro vendor_channel(source_system, record_class, outcome, is_console, is_direct_grant, has_own_sign_in) -%}
    case
        when {{ outcome }} not in {{ sql_string_list(janrain_vocabulary().event_types) }} then null
        when {{ outcome }} in {{ event_types_of('sso_sign_ins') }} then 'sso_server'
        when {{ source_system }} = 'auth0' and {{ record_class }} = 'registration'
            then case when {{ has_own_sign_in }} then 'registration_ui' else 'oauth_api' end
        when {{ source_system }} = 'auth0' and {{ record_class }} = 'sign_in' then 'registration_ui'
        when {{ source_system }} = 'keycloak' and {{ record_class }} = 'sign_in' and {{ is_direct_grant }}
            then 'oauth_api'
        when {{ source_system }} = 'keycloak' and {{ record_class }} in ('sign_in', 'registration', 'profile_change', 'delete')
            then 'registration_ui'
        when {{ record_class }} = 'console_registration' then 'console'
        when {{ is_console }} then 'console'
        else 'entity_api'
    end
{%- endmacro %}
