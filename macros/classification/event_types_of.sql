{#-
    The canonical event types a rule or a measure counts, from the vocabulary
    (janrain_vocabulary), in display order, as a SQL list for `event_type in ...`:

    - `registrations`; `all_sign_ins` (SSO hops included); `sign_ins` (password
      and social sign-ins of existing accounts: all_sign_ins but SSO);
      `sso_sign_ins`; `interactive_sign_ins` (registrations and sign_ins: what
      opens an SSO session); `user_activity` (registrations and all_sign_ins:
      what makes a user active); `profile_store`;
    - `traditional`, `social`, `sso`: the types of that sign-in method.

    An empty group renders as `(null)`, which `in` never matches.
-#}
{% macro event_types_of(group) -%}
    {%- set vocabulary = janrain_vocabulary() -%}
    {%- set sso = vocabulary.sign_in_methods.get('sso', []) -%}
    {%- set groups = {
        'registrations': vocabulary.registration,
        'all_sign_ins': vocabulary.sign_in,
        'sign_ins': vocabulary.sign_in | reject('in', sso) | list,
        'sso_sign_ins': vocabulary.sign_in | select('in', sso) | list,
        'interactive_sign_ins': vocabulary.registration + (vocabulary.sign_in | reject('in', sso) | list),
        'user_activity': vocabulary.registration + vocabulary.sign_in,
        'profile_store': vocabulary.profile_store,
    } -%}
    {%- do groups.update(vocabulary.sign_in_methods) -%}
    {%- if group not in groups -%}
        {{ exceptions.raise_compiler_error(
            "event_types_of: unknown group '" ~ group ~ "'; one of " ~ (groups.keys() | join(', '))
        ) }}
    {%- endif -%}
    {{ return(sql_string_list(vocabulary.event_types | select('in', groups[group]) | list)) }}
{%- endmacro %}
