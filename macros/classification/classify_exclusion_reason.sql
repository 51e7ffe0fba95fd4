{#-
    Contract section 4: why a well-formed raw record is not a Customer Insights
    event, or null when it is one (or its name is unknown).
-#}
{% macro classify_exclusion_reason(event_name, endpoint) -%}
    case
        when {{ event_name }} = 'entityUpdated'
            and {{ endpoint }} = '/entity.replace' then 'entity_replace'
        when {{ event_name }} in (
            'authenticationFailedKnownUser', 'authenticationFailedUnknownUser'
        ) then 'failed_signin'
        when {{ event_name }} = 'new_email_verification' then 'email_verification'
        when {{ event_name }} = 'password_recover' then 'password_recover'
    end
{%- endmacro %}
