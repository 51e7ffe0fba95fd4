{#- The files grouped by their directory: {directory: [file name, ...]}. -#}
{% macro files_by_directory(files) -%}
    {%- set by_directory = {} -%}
    {%- for file in files -%}
        {%- set parts = file.rsplit('/', 1) -%}
        {%- do by_directory.setdefault(parts[0], []).append(parts[1]) -%}
    {%- endfor -%}
    {{ return(by_directory) }}
{%- endmacro %}
