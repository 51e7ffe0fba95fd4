{#-
    How the user authenticated: `traditional` (password), `social` (a
    third-party identity provider) or `sso` (carried over from another site of
    the federation), from the event name of its type (var sign_in_methods).
    Null for profile-store and non-sign-in records.
-#}
{% macro classify_sign_in_method(event_name) -%}
    {%- set vocabulary = janrain_vocabulary() %}
    case
        {%- for method, event_types in vocabulary.sign_in_methods.items() %}
        {%- set names = [] %}
        {%- for event_type in event_types %}{% do names.append(vocabulary.event_name_of[event_type]) %}{% endfor %}
        when {{ event_name }} in {{ sql_string_list(names) }} then '{{ method }}'
        {%- endfor %}
    end
{%- endmacro %}
