{#-
    The raw audit log as a relation over `files` (from new_raw_files): the
    contract's sixteen columns as text, columns missing from every file as
    null, plus `filename`. The demo seed when `files` is
    `['seed:raw_audit_log']`; a relation without rows when `files` is empty.
    Files are combined by column name and every value is read as text, so a
    record reads the same from CSV, Parquet or JSON lines. With `uniform`
    (every file has the same contract columns) Parquet files are matched by
    name without merging their schemas first, which keeps the schemas of
    thousands of files out of memory.
-#}
{% macro read_raw_files(files, columns, uniform=false) -%}
    {%- if files == ['seed:raw_audit_log'] -%}
        {{ return(_read_raw_audit_log_seed()) }}
    {%- elif not files -%}
        {{ return(_empty_raw_audit_log()) }}
    {%- endif -%}
    {{ return(adapter.dispatch('read_raw_files', 'customer_insights')(files, columns, uniform)) }}
{%- endmacro %}

{% macro _read_raw_audit_log_seed() -%}
    {%- if reads_demo_log('janrain') -%}
    (
        select
            {%- for column in audit_log_columns() %}
            cast({{ column }} as {{ dbt.type_string() }}) as {{ column }},
            {%- endfor %}
            cast('seed:raw_audit_log' as {{ dbt.type_string() }}) as filename
        from {{ ref('raw_audit_log') }}
    )
    {%- else -%}
    {{ _empty_raw_audit_log() }}
    {%- endif -%}
{%- endmacro %}

{#- A relation of the raw files' shape with no rows. -#}
{% macro _empty_raw_audit_log() -%}
    (
        select
            {%- for column in audit_log_columns() %}
            cast(null as {{ dbt.type_string() }}) as {{ column }},
            {%- endfor %}
            cast(null as {{ dbt.type_string() }}) as filename
        where 1 = 0
    )
{%- endmacro %}

{% macro default__read_raw_files(files, columns, uniform) -%}
    {{ default__new_raw_files(raw_source_path('janrain'), []) }}
{%- endmacro %}

{% macro duckdb__read_raw_files(files, columns, uniform) -%}
    {%- set format = raw_audit_log_format(raw_source_path('janrain')) -%}
    (
        select
            {%- for column in audit_log_columns() %}
            {%- if column in columns %}
            cast({{ adapter.quote(columns[column]) }} as varchar) as {{ column }},
            {%- else %}
            cast(null as varchar) as {{ column }},
            {%- endif %}
            {%- endfor %}
            filename
        from {{ duckdb_raw_file_reader(format, files, merge_schemas=not uniform) }}
    )
{%- endmacro %}

{#- Spark: one reader per directory (temporary views), each as the contract's columns. -#}
{% macro spark__read_raw_files(files, columns, uniform) -%}
    {%- set format = raw_audit_log_format(raw_source_path('janrain')) -%}
    {%- set readers = [] -%}
    {%- for directory, names in files_by_directory(files) | dictsort -%}
        {%- set view = spark_raw_file_view(format, directory, names) -%}
        {%- set present = {} -%}
        {%- for row in run_query('describe ' ~ view).rows -%}
            {%- if row[0] and not (row[0] | string).startswith('#') -%}
                {%- do present.setdefault(row[0] | lower, row[0]) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set reader -%}
        select
            {%- for column in audit_log_columns() %}
            {%- if column in present %}
            cast({{ adapter.quote(present[column]) }} as string) as {{ column }},
            {%- else %}
            cast(null as string) as {{ column }},
            {%- endif %}
            {%- endfor %}
            regexp_replace(input_file_name(), '^file:(//)?', '') as filename
        from {{ view }}
        {%- endset -%}
        {%- do readers.append(reader) -%}
    {%- endfor -%}
    (
        {{ readers | join('\n        union all\n') }}
    )
{%- endmacro %}
