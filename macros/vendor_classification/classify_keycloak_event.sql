{#-
    Keycloak (sources.md 4.2, 4.3): what a good event record is, the first
    rule that applies: a canonical event type or an exclusion reason.
    Arguments are SQL expressions over the record: its record class and row
    exclusion (staging), whether it names an identity provider, and what the
    other records of its user say: `has_own_registration` (row 8),
    `has_same_client_predecessor` (row 9), `has_other_client_predecessor`
    (row 10).
-#}
{% macro classify_keycloak_event(
    record_class, row_exclusion_reason, is_social, has_own_registration,
    has_same_client_predecessor, has_other_client_predecessor
) -%}
    case {{ record_class }}
        when 'registration' then
            case when {{ is_social }} then 'signin.social_register' else 'signin.traditional_register' end
        when 'sign_in' then
            case
                when {{ has_own_registration }} then 'registration_sign_in'
                when {{ has_same_client_predecessor }} then 'session_reuse'
                when {{ has_other_client_predecessor }} then 'signin.sso'
                when {{ is_social }} then 'signin.social'
                else 'signin.traditional'
            end
        when 'profile_change' then 'entity_update'
        when 'delete' then 'entity_delete'
        when 'bulk_create' then 'entity_create'
        when 'user_create' then 'entity_create'
        when 'user_update' then 'entity_update'
        when 'user_delete' then 'entity_delete'
        else {{ row_exclusion_reason }}
    end
{%- endmacro %}

{#-
    Keycloak (sources.md 4.2 rows 4-6): the update reason of an admin update
    of a user, from the `enabled` it writes and the user's state before it
    (`enabled`, `created_disabled` or `deactivated`). Enabling a user who was
    created disabled is a profile edit: they were never active.
-#}
{% macro classify_keycloak_admin_update(account_enabled, state_before) -%}
    case
        when {{ account_enabled }} = false and {{ state_before }} = 'enabled' then 'deactivation'
        when {{ account_enabled }} = true and {{ state_before }} = 'deactivated' then 'reactivation'
        else 'profile_edit'
    end
{%- endmacro %}
