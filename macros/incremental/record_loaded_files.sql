{#-
    Post-hook of int_audit_log__validated: adds one manifest row per raw file
    this run read (from run_limits, which also counted each file's rows and
    the span of its timestamps). Inside the model's transaction: a run killed
    before the records are committed leaves the files unloaded, and the next
    run reads them again.
-#}
{% macro record_loaded_files() -%}
    insert into {{ ref('incremental_manifest') }} (
        model_name, processed_at, source_file, source_system, row_count,
        min_logged_at, max_logged_at, min_ingested_at, max_ingested_at
    )
    select
        '{{ this.identifier }}',
        processed_at,
        source_file,
        source_system,
        delivered_rows,
        min_logged_at,
        max_logged_at,
        min_ingested_at,
        max_ingested_at
    from {{ ref('run_limits') }}
{%- endmacro %}
