{#-
    The record key: a 64-bit integer hash of `columns` (SQL expressions, in
    order; nulls hashed apart from any text). Used for the key of a distinct
    raw record (its log_id and content) and for narrow join keys; two rows
    get the same key exactly when they have the same values, up to hash
    collisions, which the project never relies on alone: records are only
    equal when their log_id is equal too.

    DuckDB's native hash() is one pass over the values and costs a fraction
    of md5; its top bit is dropped so the key fits a signed bigint on every
    engine. Other engines hash the null-safe concatenation
    (generate_surrogate_key) and keep 60 bits of it. hash() is not promised to
    be stable across DuckDB releases; DuckDB is pinned, and after an upgrade a
    re-delivered old record would at worst be rejected as a log_id_conflict,
    never counted twice.
-#}
{% macro record_key(columns) -%}
    {{ return(adapter.dispatch('record_key', 'customer_insights')(columns)) }}
{%- endmacro %}

{#- PostgreSQL's hex-to-integer route; an engine without it overrides this. -#}
{% macro default__record_key(columns) -%}
    cast(('x' || substr({{ generate_surrogate_key(columns) }}, 1, 15))::bit(60) as bigint)
{%- endmacro %}

{% macro duckdb__record_key(columns) -%}
    cast(hash({{ columns | join(', ') }}) >> 1 as bigint)
{%- endmacro %}

{% macro spark__record_key(columns) -%}
    cast(conv(substr({{ generate_surrogate_key(columns) }}, 1, 15), 16, 10) as bigint)
{%- endmacro %}
