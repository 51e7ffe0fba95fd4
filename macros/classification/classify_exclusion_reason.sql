{#-
    Contract section 4: why a well-formed raw record is not a Customer Insights
    event (var exclusion_reasons, and entity.replace), or null when it is one
    (or its name is unknown).
-#}
{% macro classify_exclusion_reason(event_name, endpoint) -%}
    case
        when {{ is_entity_replace(event_name, endpoint) }} then 'entity_replace'
        {%- for reason, names in janrain_vocabulary().exclusion_reasons.items() %}
        when {{ event_name }} in {{ sql_string_list(names) }} then '{{ reason }}'
        {%- endfor %}
    end
{%- endmacro %}
