{#-
    Contract section 4: the canonical Customer Insights event type of a raw
    record, or null when the record is not a Customer Insights event (failed
    sign-ins, mail, entity.replace) or its name is unknown.
-#}
{% macro classify_event_type(event_name, endpoint) -%}
    case
        when {{ event_name }} = 'legacy_traditional_registration' then 'signin.traditional_register'
        when {{ event_name }} = 'legacy_traditional_signin' then 'signin.traditional'
        when {{ event_name }} = 'legacy_social_registration' then 'signin.social_register'
        when {{ event_name }} = 'legacy_social_signin' then 'signin.social'
        when {{ event_name }} = 'sso_signin' then 'signin.sso'
        when {{ event_name }} = 'entityCreated' then 'entity_create'
        when {{ event_name }} = 'entityUpdated'
            and coalesce({{ endpoint }}, '') <> '/entity.replace' then 'entity_update'
        when {{ event_name }} = 'entityDeleted' then 'entity_delete'
    end
{%- endmacro %}
