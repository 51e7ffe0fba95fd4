{#-
    The id of a distinct raw record: its log_id and a hash of its content
    (every column but ingested_at), as text. Two deliveries get the same id
    exactly when they are the same record; two records sharing a log_id but
    not their content get different ids.

    The default hashes with md5 (dbt.hash). DuckDB uses its native 64-bit
    hash(), an order of magnitude faster on wide rows: records are compared
    within one log_id only, so a false match needs two contents of the same
    log_id to collide in 64 bits. hash() is not promised to be stable across
    DuckDB releases; DuckDB is pinned, and after an upgrade a re-delivered old
    record would at worst be rejected as a log_id_conflict, never counted twice.
-#}
{% macro audit_record_key(log_id, content_columns) -%}
    {{ return(adapter.dispatch('audit_record_key', 'customer_insights')(log_id, content_columns)) }}
{%- endmacro %}

{% macro default__audit_record_key(log_id, content_columns) -%}
    {{ dbt.concat([
        "coalesce(" ~ log_id ~ ", '')",
        "'#'",
        generate_surrogate_key(content_columns),
    ]) }}
{%- endmacro %}

{% macro duckdb__audit_record_key(log_id, content_columns) -%}
    coalesce({{ log_id }}, '') || '#' || cast(hash({{ content_columns | join(', ') }}) as varchar)
{%- endmacro %}
