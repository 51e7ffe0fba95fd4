{#-
    `text` with its %XX escapes decoded (a Management API path names the user
    URL-encoded: /api/v2/users/auth0%7Cu2).
-#}
{% macro url_decode(text) -%}
    {{ return(adapter.dispatch('url_decode', 'customer_insights')(text)) }}
{%- endmacro %}

{#- Engines without a decoder: the escapes user ids carry (| @ : / + space), and %25 last. -#}
{% macro default__url_decode(text) -%}
    {%- set state = namespace(decoded=text) -%}
    {%- for escape, character in [('%7C', '|'), ('%7c', '|'), ('%40', '@'), ('%3A', ':'), ('%3a', ':'),
        ('%2F', '/'), ('%2f', '/'), ('%2B', '+'), ('%2b', '+'), ('%20', ' '), ('%25', '%')] -%}
        {%- set state.decoded = 'replace(' ~ state.decoded ~ ", '" ~ escape ~ "', '" ~ character ~ "')" -%}
    {%- endfor -%}
    {{ state.decoded }}
{%- endmacro %}

{% macro duckdb__url_decode(text) -%}
    url_decode({{ text }})
{%- endmacro %}

{#- Spark: Java's decoder; try_reflect gives null for a malformed escape, where reflect fails. -#}
{% macro spark__url_decode(text) -%}
    case when {{ text }} is not null then try_reflect('java.net.URLDecoder', 'decode', {{ text }}, 'UTF-8') end
{%- endmacro %}
