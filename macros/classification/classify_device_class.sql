{#-
    What reporting keeps of a user agent: the class of device, one of
    `bot`, `tablet`, `mobile`, `desktop`, `other` (a user agent that names none
    of these), or null when the record has no user agent. The user agent
    itself is personal data and goes no further than validation.

    Matched on the lower-cased text with plain LIKE patterns, in this order:
    automated clients first (so a crawler announcing a phone stays a bot),
    then tablets (an iPad, or an Android browser that does not say "Mobile",
    which is how Android tablets announce themselves), then phones (including
    the mobile SDKs), then desktop systems.
-#}
{% macro classify_device_class(user_agent) -%}
    {%- set ua = 'lower(' ~ user_agent ~ ')' -%}
    case
        when {{ user_agent }} is null then null
        when {{ ua }} like '%bot%' or {{ ua }} like '%crawler%' or {{ ua }} like '%spider%'
            or {{ ua }} like '%curl/%' or {{ ua }} like '%python-requests%'
            or {{ ua }} like '%headless%' then 'bot'
        when {{ ua }} like '%ipad%' or {{ ua }} like '%tablet%'
            or ({{ ua }} like 'mozilla/%' and {{ ua }} like '%android%'
                and {{ ua }} not like '%mobile%') then 'tablet'
        when {{ ua }} like '%mobile%' or {{ ua }} like '%iphone%' or {{ ua }} like '%android%'
            or {{ ua }} like '%okhttp%' or {{ ua }} like '%cfnetwork%' then 'mobile'
        when {{ ua }} like '%windows%' or {{ ua }} like '%macintosh%' or {{ ua }} like '%x11%'
            or {{ ua }} like '%cros%' then 'desktop'
        else 'other'
    end
{%- endmacro %}
