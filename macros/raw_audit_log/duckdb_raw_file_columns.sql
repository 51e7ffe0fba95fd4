{#-
    DuckDB: `{'columns': contract columns of `files` (lower case -> spelling),
    'uniform': whether every file has the same ones}`, after checking that
    every file has the required ones. Parquet headers are read
    in one metadata query; CSV files are sniffed one by one (a few ms each); a
    file DuckDB cannot read fails here, with DuckDB's message naming it. JSON
    lines are read with the contract's columns declared, so all are there.
-#}
{% macro duckdb_raw_file_columns(format, files) -%}
    {%- set spellings = {} -%}
    {%- if format == 'json' or not files -%}
        {%- for column in audit_log_columns() %}{% do spellings.update({column: column}) %}{% endfor -%}
        {{ return({'columns': spellings, 'uniform': true}) }}
    {%- endif -%}
    {%- set columns_by_file = {} -%}
    {%- if format == 'parquet' -%}
        {%- for row in run_query(
            'select file_name, name from parquet_schema(' ~ duckdb_file_list(files) ~ ')'
        ).rows -%}
            {%- do columns_by_file.setdefault(row[0], []).append(row[1]) -%}
        {%- endfor -%}
    {%- else -%}
        {%- for file in files -%}
            {%- set described = run_query(
                'describe select * from ' ~ duckdb_raw_file_reader(format, [file])
            ) -%}
            {%- do columns_by_file.update({file: described.columns[0].values() | list}) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set problems = [] -%}
    {%- set column_sets = [] -%}
    {%- for file in files -%}
        {%- set contract_columns = [] -%}
        {%- for name in columns_by_file.get(file, []) -%}
            {%- if (name | lower) in audit_log_columns() -%}
                {%- do spellings.setdefault(name | lower, name) -%}
                {%- do contract_columns.append(name | lower) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- set column_set = contract_columns | sort | join(',') -%}
        {%- if column_set not in column_sets %}{% do column_sets.append(column_set) %}{% endif -%}
        {%- set present = columns_by_file.get(file, []) | map('lower') | list -%}
        {%- set missing = audit_log_required_columns() | reject('in', present) | list -%}
        {%- if missing -%}
            {%- do problems.append("'" ~ file ~ "' has no column " ~ (missing | join(', '))) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if problems %}{{ raise_missing_raw_columns(problems) }}{% endif -%}
    {{ return({'columns': spellings, 'uniform': column_sets | length <= 1}) }}
{%- endmacro %}
