{#-
    The temporary view of Spark's reader over the files `names` of
    `directory` (`dir/{a.csv,b.csv}`, special characters escaped), created
    once per run and set of files.
-#}
{% macro spark_raw_file_view(format, directory, names) -%}
    {%- set escaped = [] -%}
    {%- for name in names -%}
        {%- do escaped.append(modules.re.sub('([{}\\[\\]*?,\\\\])', '\\\\\\1', name)) -%}
    {%- endfor -%}
    {%- set glob = directory ~ '/{' ~ (escaped | join(',')) ~ '}' -%}
    {%- set view = 'ci_raw_audit_log_' ~ local_md5(glob) -%}
    {%- if format == 'csv' -%}
        {%- set options = "header 'true', multiLine 'true', quote '\"', escape '\"'" -%}
    {%- elif format == 'parquet' -%}
        {%- set options = "mergeSchema 'true'" -%}
    {%- else -%}
        {%- set options = "primitivesAsString 'true'" -%}
    {%- endif -%}
    {%- do run_query(
        'create or replace temporary view ' ~ view ~ ' using ' ~ format
        ~ ' options (path ' ~ spark_string_literal(glob) ~ ', ' ~ options ~ ')'
    ) -%}
    {{ return(view) }}
{%- endmacro %}
