{#-
    True for a raw record that is a profile write through entity.replace
    (var replace_endpoint): the whole profile was replaced. Such a record is
    excluded (`entity_replace`), never an entity_update, so that
    classify_event_type, classify_exclusion_reason and classify_update_reason
    stay complementary (invariant 6 checks the result). Null when the
    endpoint is null, which is not a replace.
-#}
{% macro is_entity_replace(event_name, endpoint) -%}
    {%- set vocabulary = janrain_vocabulary() -%}
    ({{ event_name }} = '{{ vocabulary.event_name_of["entity_update"] }}'
        and {{ endpoint }} = '{{ vocabulary.replace_endpoint }}')
{%- endmacro %}
