{#-
    For a profile update (`entityUpdated` other than entity.replace): why the
    profile was written.
    - `deactivation` / `reactivation`: the write changed `deactivateAccount`,
      to a date (deactivated) or to empty (the date cleared: reactivated);
    - `login`: a sign-in or SSO endpoint wrote nothing but `lastLogin` and/or
      `clients`, the bookkeeping of every successful sign-in;
    - `profile_edit`: anything else, including the removal of a plural element
      such as a linked social profile.
    `changed_attributes` is a `|`-separated list of attribute paths.
-#}
{% macro classify_update_reason(
    event_name, endpoint, changed_attributes, deactivate_account
) -%}
    {%- set vocabulary = janrain_vocabulary() %}
    case
        when {{ is_entity_replace(event_name, endpoint) }} then null
        when {{ event_name }} = '{{ vocabulary.event_name_of["entity_update"] }}' then case
            when {{ dbt.concat(["'|'", changed_attributes, "'|'"]) }} like '%|deactivateAccount|%'
                then case
                    when {{ deactivate_account }} is null then 'reactivation'
                    else 'deactivation'
                end
            when {{ endpoint }} in {{ sql_string_list(vocabulary.sign_in_endpoints) }}
                and {{ regex_full_match(
                    changed_attributes, '(lastLogin|clients)([|](lastLogin|clients))*'
                ) }} then 'login'
            else 'profile_edit'
        end
    end
{%- endmacro %}
