{#-
    The platform's vocabulary from contract sections 2 and 3, in one place so
    that every classification macro and test agrees on it.
-#}

{% macro janrain_event_names() -%}
    {{ return([
        'legacy_traditional_registration', 'legacy_traditional_signin',
        'legacy_social_registration', 'legacy_social_signin', 'sso_signin',
        'entityCreated', 'entityUpdated', 'entityDeleted',
        'authenticationFailedKnownUser', 'authenticationFailedUnknownUser',
        'new_email_verification', 'password_recover',
    ]) }}
{%- endmacro %}

{#- Endpoints of a registration request (widget and OAuth API). -#}
{% macro janrain_register_endpoints() -%}
    {{ return([
        '/widget/traditional_register.jsonp', '/widget/social_register.jsonp',
        '/oauth/register_native_traditional', '/oauth/register_native',
    ]) }}
{%- endmacro %}

{#- Endpoints whose profile write records a sign-in (lastLogin / clients). -#}
{% macro janrain_sign_in_endpoints() -%}
    {{ return([
        '/widget/traditional_signin.jsonp', '/widget/social_signin.jsonp',
        '/oauth/auth_native_traditional', '/oauth/auth_native',
        '/sso/check_session',
    ]) }}
{%- endmacro %}

{#- Renders a list of strings as a SQL `in (...)` list. -#}
{% macro sql_string_list(values) -%}
    ({% for value in values %}'{{ value }}'{{ ", " if not loop.last }}{% endfor %})
{%- endmacro %}

{#-
    The canonical event types a dashboard measure counts, by measure:
    `registrations` (both register types), `sign_ins` (password and social
    sign-ins of existing accounts), `sso_sign_ins`, `all_sign_ins` (the three
    sign-in types, SSO included), `interactive_sign_ins` (registrations and
    password or social sign-ins: what opens an SSO session), `user_activity`
    (every signin.* type: what makes a user active). As a SQL list for
    `event_type in ...`.
-#}
{% macro event_types_of(measure) -%}
    {%- set groups = {
        'registrations': ['signin.traditional_register', 'signin.social_register'],
        'sign_ins': ['signin.traditional', 'signin.social'],
        'sso_sign_ins': ['signin.sso'],
        'all_sign_ins': ['signin.traditional', 'signin.social', 'signin.sso'],
        'user_activity': [
            'signin.traditional_register', 'signin.social_register',
            'signin.traditional', 'signin.social', 'signin.sso',
        ],
        'interactive_sign_ins': [
            'signin.traditional_register', 'signin.social_register',
            'signin.traditional', 'signin.social',
        ],
        'profile_store': ['entity_create', 'entity_update', 'entity_delete'],
    } -%}
    {{ return(sql_string_list(groups[measure])) }}
{%- endmacro %}
