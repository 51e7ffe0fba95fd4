{#-
    Auth0 (sources.md 3.4): the identity provider of a social connection,
    from its strategy (or the connection prefix of the user id): the
    project's names for Google and Microsoft, the usual providers as they are,
    any other social strategy by the part before its first `-`. (Enterprise
    connections keep their strategy unchanged; the caller decides that.)
-#}
{% macro auth0_identity_provider(strategy) -%}
    case
        when {{ strategy }} = 'google-oauth2' then 'google'
        when {{ strategy }} = 'windowslive' then 'microsoft'
        when {{ strategy }} in ('facebook', 'twitter', 'linkedin', 'apple', 'github', 'amazon') then {{ strategy }}
        else {{ regex_extract(strategy, '^([^-]*)') }}
    end
{%- endmacro %}
