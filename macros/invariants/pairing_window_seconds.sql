{#- The pairing tolerance W of contract section 5, in seconds. -#}
{% macro pairing_window_seconds() -%}
    {{ return(var('pairing_window_seconds', 300) | int) }}
{%- endmacro %}
