{#- The error that stops a build on files without a required column, naming them. -#}
{% macro raise_missing_raw_columns(problems) -%}
    {{ exceptions.raise_compiler_error(
        "Raw audit-log file(s) without a required column: " ~ (problems | join('; '))
        ~ ". The contract (section 1) requires: " ~ (audit_log_required_columns() | join(', '))
        ~ ". Nothing was built from this run's files: fix or remove the file(s) and run again."
    ) }}
{%- endmacro %}
