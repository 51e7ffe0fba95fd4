{#-
    The Janrain vocabulary of dbt_project.yml (vars, contract sections 2-4) as
    one dict, checked, with what follows from it worked out:

    - `event_types`: the eight canonical event types, in display order;
    - `event_name_of`: event type -> the raw event name it comes from;
    - `registration`, `sign_in`, `profile_store`: the event types that count
      as registrations, sign-ins (SSO hops included), profile-store events;
    - `sign_in_methods`: sign-in method -> its event types;
    - `exclusion_reasons`: exclusion reason -> the raw event names it covers;
    - `event_names`: every event name the platform writes (12);
    - `replace_endpoint`, `register_endpoints`, `sign_in_endpoints`.

    A rule that names an event type the canonical list lacks stops the build.
-#}
{% macro janrain_vocabulary() -%}
    {%- set event_name_of = var('canonical_event_types') -%}
    {%- set event_types = event_name_of.keys() | list -%}
    {%- set sign_in_methods = var('sign_in_methods') -%}
    {%- set rules = {
        'registration_event_types': var('registration_event_types'),
        'sign_in_event_types': var('sign_in_event_types'),
        'profile_store_event_types': var('profile_store_event_types'),
    } -%}
    {%- for method, types in sign_in_methods.items() -%}
        {%- do rules.update({'sign_in_methods.' ~ method: types}) -%}
    {%- endfor -%}
    {%- for name, types in rules.items() -%}
        {%- set unknown = types | reject('in', event_types) | list -%}
        {%- if unknown -%}
            {{ exceptions.raise_compiler_error(
                "var " ~ name ~ " names " ~ (unknown | join(', '))
                ~ ", which var canonical_event_types does not list"
            ) }}
        {%- endif -%}
    {%- endfor -%}
    {%- set event_names = event_name_of.values() | list -%}
    {%- for names in var('exclusion_reasons').values() %}{% do event_names.extend(names) %}{% endfor -%}
    {{ return({
        'event_types': event_types,
        'event_name_of': event_name_of,
        'registration': rules.registration_event_types,
        'sign_in': rules.sign_in_event_types,
        'profile_store': rules.profile_store_event_types,
        'sign_in_methods': sign_in_methods,
        'exclusion_reasons': var('exclusion_reasons'),
        'event_names': event_names,
        'replace_endpoint': var('replace_endpoint'),
        'register_endpoints': var('register_endpoints'),
        'sign_in_endpoints': var('sign_in_endpoints'),
    }) }}
{%- endmacro %}
