{#-
    The channel of contract section 3, from the endpoint's path family:
    `registration_ui` (/widget/), `oauth_api` (/oauth/, also the JavaScript API
    and mobile SDKs), `sso_server` (/sso/), `entity_api` (/entity.*) and
    `console` (no endpoint). Null for a path outside these families.
-#}
{% macro classify_channel(endpoint) -%}
    case
        when {{ endpoint }} is null then 'console'
        when {{ endpoint }} like '/widget/%' then 'registration_ui'
        when {{ endpoint }} like '/oauth/%' then 'oauth_api'
        when {{ endpoint }} like '/sso/%' then 'sso_server'
        when {{ endpoint }} like '/entity.%' then 'entity_api'
    end
{%- endmacro %}
