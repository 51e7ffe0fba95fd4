{#-
    How the user authenticated: `traditional` (password), `social` (a
    third-party identity provider) or `sso` (carried over from another site of
    the federation). Null for profile-store and non-sign-in records.
-#}
{% macro classify_sign_in_method(event_name) -%}
    case
        when {{ event_name }} in (
            'legacy_traditional_registration', 'legacy_traditional_signin'
        ) then 'traditional'
        when {{ event_name }} in (
            'legacy_social_registration', 'legacy_social_signin'
        ) then 'social'
        when {{ event_name }} = 'sso_signin' then 'sso'
    end
{%- endmacro %}
