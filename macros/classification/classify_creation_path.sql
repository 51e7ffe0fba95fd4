{#-
    For a profile creation (`entityCreated`): how the profile came to be.
    `registration` (a register endpoint: the user signed up), `bulk_import`
    (/entity.bulkCreate), `api_only` (/entity.create) or `console` (an agent,
    no endpoint). Null for every other record, and for a creation from an
    endpoint outside these.
-#}
{% macro classify_creation_path(event_name, endpoint) -%}
    {%- set vocabulary = janrain_vocabulary() %}
    case
        when {{ event_name }} = '{{ vocabulary.event_name_of["entity_create"] }}' then case
            when {{ endpoint }} in {{ sql_string_list(vocabulary.register_endpoints) }}
                then 'registration'
            when {{ endpoint }} = '/entity.bulkCreate' then 'bulk_import'
            when {{ endpoint }} = '/entity.create' then 'api_only'
            when {{ endpoint }} is null then 'console'
        end
    end
{%- endmacro %}
