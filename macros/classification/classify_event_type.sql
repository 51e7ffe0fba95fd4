{#-
    Contract section 4: the canonical Customer Insights event type of a raw
    record, from its event name (var canonical_event_types), or null when the
    record is not a Customer Insights event (failed sign-ins, mail,
    entity.replace) or its name is unknown.
-#}
{% macro classify_event_type(event_name, endpoint) -%}
    case
        when {{ is_entity_replace(event_name, endpoint) }} then null
        {%- for event_type, name in janrain_vocabulary().event_name_of.items() %}
        when {{ event_name }} = '{{ name }}' then '{{ event_type }}'
        {%- endfor %}
    end
{%- endmacro %}
