{#-
    Auth0 (sources.md 3.2 row 5, 3.3): what a good tenant-log record is, the
    first rule that applies: a canonical event type or an exclusion reason.
    Arguments are SQL expressions over the record: its record class and
    row exclusion (staging), its signals (social connection, authenticate
    prompt, login count) and what the other records of its user say:
    `has_creation_near` (a Management API creation of the user within W,
    rows 1, 1a), `has_own_registration` (row 4), `has_same_client_predecessor`
    (rows 5, 10), `has_earlier_creation` (row 7), `has_delete_near` (3.2
    row 5) and `has_update_near` (row 14).
-#}
{% macro classify_auth0_event(
    record_class, row_exclusion_reason, is_social, has_authenticate_prompt, logins_count,
    has_creation_near, has_own_registration, has_same_client_predecessor, has_earlier_creation,
    has_delete_near, has_update_near
) -%}
    case {{ record_class }}
        when 'registration' then
            case
                when {{ has_creation_near }} then 'api_create_echo'
                when {{ is_social }} then 'signin.social_register'
                else 'signin.traditional_register'
            end
        when 'console_registration' then
            case when {{ has_creation_near }} then 'api_create_echo' else 'entity_create' end
        when 'sign_in' then
            case
                when {{ has_own_registration }} then 'registration_sign_in'
                when not {{ has_authenticate_prompt }} and {{ has_same_client_predecessor }} then 'session_reuse'
                when not {{ has_authenticate_prompt }} then 'signin.sso'
                when {{ is_social }} and {{ logins_count }} = 1 and not {{ has_earlier_creation }}
                    then 'signin.social_register'
                when {{ is_social }} then 'signin.social'
                else 'signin.traditional'
            end
        when 'silent_auth' then
            {%- if var('auth0_silent_auth_is_sso', false) %}
            case when {{ has_same_client_predecessor }} then 'token_renewal' else 'signin.sso' end
            {%- else %}
            'token_renewal'
            {%- endif %}
        when 'user_create' then 'entity_create'
        when 'user_update' then 'entity_update'
        when 'user_delete' then case when {{ has_delete_near }} then 'duplicate_delete' else 'entity_delete' end
        when 'delete' then 'entity_delete'
        when 'profile_change' then case when {{ has_update_near }} then 'duplicate_update' else 'entity_update' end
        else {{ row_exclusion_reason }}
    end
{%- endmacro %}
