{#-
    Bookkeeping for incremental runs.

    `processed_at` stamps every row an incremental model writes with the start
    time of the dbt invocation (`run_started_at`), the same for all models of
    one run. A downstream model picks up the rows its upstream wrote after its
    own high-water mark, so a run that was interrupted between two models is
    completed by the next one, and running twice changes nothing.
-#}

{#-
    The target's database for api.Relation.create / adapter.get_relation, or
    none on adapters whose targets have no database (Spark: schemas only).
-#}
{% macro target_database() -%}
    {{ return(target.database if target.database is defined else none) }}
{%- endmacro %}

{#- The processed_at value of this run, as a SQL timestamp literal. -#}
{% macro current_processed_at() -%}
    cast('{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S.%f") }}' as {{ dbt.type_timestamp() }})
{%- endmacro %}

{#-
    A table of high-water marks for incremental models whose own rows cannot
    carry one (a mart keeps only reporting columns): model name -> the
    greatest upstream processed_at already folded in. Created at run start.
-#}
{% macro incremental_state_relation() -%}
    {{ return(api.Relation.create(
        database=target_database(), schema=target.schema, identifier='ci_incremental_state'
    )) }}
{%- endmacro %}

{% macro create_incremental_state_table() -%}
    {#- A run that starts with seeds only (dbt seed) comes here before any
        model created the target schema on a fresh warehouse database. -#}
    {%- if execute -%}
        {%- do adapter.create_schema(incremental_state_relation()) -%}
    {%- endif %}
    {{ return(adapter.dispatch('create_incremental_state_table', 'customer_insights')()) }}
{%- endmacro %}

{% macro default__create_incremental_state_table() -%}
    {{ create_state_table(incremental_state_relation(), incremental_state_columns()) }};
    {{ create_state_table(batch_log_relation(), batch_log_columns()) }}
{%- endmacro %}

{#- (name, type) of the state tables' columns; an engine may add its own. -#}
{% macro incremental_state_columns() -%}
    {{ return([('model_name', dbt.type_string()), ('high_water_mark', dbt.type_timestamp())]) }}
{%- endmacro %}

{% macro batch_log_columns() -%}
    {{ return([
        ('model_name', dbt.type_string()),
        ('processed_at', dbt.type_timestamp()),
        ('row_count', dbt.type_bigint()),
        ('min_occurred_at', dbt.type_timestamp()),
        ('max_occurred_at', dbt.type_timestamp()),
        ('max_ingested_at', dbt.type_timestamp()),
    ]) }}
{%- endmacro %}

{% macro create_state_table(relation, columns) -%}
    create table if not exists {{ relation }} (
        {%- for name, type in columns %}
        {{ name }} {{ type }}{{ "," if not loop.last }}
        {%- endfor %}
    )
{%- endmacro %}

{#-
    One row per batch an incremental output received (model, processed_at,
    rows, time span), so that tests can find the newest batch and the
    data's watermarks without scanning the output itself.
-#}
{% macro batch_log_relation() -%}
    {{ return(api.Relation.create(
        database=target_database(), schema=target.schema, identifier='ci_batch_log'
    )) }}
{%- endmacro %}

{#-
    `<batch log> where <its rows for model_name>`: what readers of the batch
    log select from (spliced after `from`). Spark's variant keeps only the
    model's newest generation (macros/cross_db/incremental_state_spark.sql).
-#}
{% macro batch_log_rows(model_name) -%}
    {{ return(adapter.dispatch('batch_log_rows', 'customer_insights')(model_name)) }}
{%- endmacro %}

{% macro default__batch_log_rows(model_name) -%}
    {{ return(batch_log_relation() ~ " where model_name = '" ~ model_name ~ "'") }}
{%- endmacro %}

{#- The query returning `model_name`'s high-water mark (one row, one column; null when none). -#}
{% macro high_water_mark_query(model_name) -%}
    {{ return(adapter.dispatch('high_water_mark_query', 'customer_insights')(model_name)) }}
{%- endmacro %}

{% macro default__high_water_mark_query(model_name) -%}
    {{ return(
        'select max(high_water_mark) from ' ~ incremental_state_relation()
        ~ " where model_name = '" ~ model_name ~ "'"
    ) }}
{%- endmacro %}

{#-
    Post-hook of an incremental output: logs the batches it just received
    (rows above its previous high-water mark) and moves the mark to the newest
    `processed_at` of `upstream`. Both inside the model's transaction. A full
    build starts the model's log afresh.
-#}
{% macro record_batch(upstream, occurred_at='occurred_at', ingested_at='ingested_at') -%}
    {{ return(adapter.dispatch('record_batch', 'customer_insights')(upstream, occurred_at, ingested_at)) }}
{%- endmacro %}

{% macro default__record_batch(upstream, occurred_at, ingested_at) -%}
    {%- if not is_incremental() %}
    delete from {{ batch_log_relation() }} where model_name = '{{ this.identifier }}';
    {%- endif %}
    {#- Rendered before any statement here runs: the mark is still the previous one. #}
    insert into {{ batch_log_relation() }}
    select
        '{{ this.identifier }}',
        processed_at,
        count(*),
        min(cast({{ occurred_at }} as {{ dbt.type_timestamp() }})),
        max(cast({{ occurred_at }} as {{ dbt.type_timestamp() }})),
        max(cast({{ ingested_at }} as {{ dbt.type_timestamp() }}))
    from {{ this }}
    where processed_at > {{ incremental_high_water_mark() }}
    group by processed_at;
    {{ record_high_water_mark('(select max(processed_at) from ' ~ upstream ~ ')') }}
{%- endmacro %}

{#-
    This model's high-water mark as a SQL timestamp literal, looked up when the
    model runs (a literal lets the engine skip whole row groups of the upstream
    table). The oldest possible timestamp on full builds and when none is stored.
-#}
{% macro incremental_high_water_mark() -%}
    {%- set floor = "cast('1900-01-01 00:00:00' as " ~ dbt.type_timestamp() ~ ")" -%}
    {%- if not execute or not is_incremental() -%}
        {{ return(floor) }}
    {%- endif -%}
    {%- set value = run_query(high_water_mark_query(this.identifier)).columns[0].values()[0] -%}
    {%- if value is none -%}
        {{ return(floor) }}
    {%- endif -%}
    {{ return("cast('" ~ value ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
{%- endmacro %}

{#-
    Post-hook: records `expression` (evaluated now, e.g. the newest upstream
    processed_at) as this model's high-water mark. Runs inside the model's
    transaction, so the mark moves together with the data.
-#}
{% macro record_high_water_mark(expression) -%}
    {{ return(adapter.dispatch('record_high_water_mark', 'customer_insights')(expression)) }}
{%- endmacro %}

{% macro default__record_high_water_mark(expression) -%}
    delete from {{ incremental_state_relation() }} where model_name = '{{ this.identifier }}';
    insert into {{ incremental_state_relation() }} (model_name, high_water_mark)
    select '{{ this.identifier }}', {{ expression }}
{%- endmacro %}

{#-
    The raw files (or the seed) that earlier runs already loaded, from the
    load ledger `audit_log_loads`. Empty on a first build and on
    --full-refresh, when everything is read again.
-#}
{% macro already_loaded_files() -%}
    {%- if not execute or flags.FULL_REFRESH -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set ledger = adapter.get_relation(
        database=target_database(), schema=target.schema, identifier='audit_log_loads'
    ) -%}
    {%- set records = adapter.get_relation(
        database=target_database(), schema='intermediate', identifier='int_audit_log__validated'
    ) -%}
    {%- if ledger is none or records is none -%}
        {{ return([]) }}
    {%- endif -%}
    {%- set result = run_query('select distinct source_file from ' ~ ledger) -%}
    {{ return(result.columns[0].values() | list) }}
{%- endmacro %}

{#-
    True when `relation` exists in the warehouse (lint and parse runs may have
    none). dbt's relation cache does not know tables that hooks created in this
    run (the state tables on a first build), so a miss is checked in the
    catalog.
-#}
{% macro relation_exists(relation) -%}
    {%- if adapter.get_relation(
        database=relation.database, schema=relation.schema, identifier=relation.identifier
    ) is not none -%}
        {{ return(true) }}
    {%- endif -%}
    {{ return(relation_in_catalog(relation)) }}
{%- endmacro %}

{% macro relation_in_catalog(relation) -%}
    {{ return(adapter.dispatch('relation_in_catalog', 'customer_insights')(relation)) }}
{%- endmacro %}

{% macro default__relation_in_catalog(relation) -%}
    {%- set found = run_query(
        "select count(*) from information_schema.tables"
        ~ " where lower(table_schema) = lower('" ~ relation.schema ~ "')"
        ~ " and lower(table_name) = lower('" ~ relation.identifier ~ "')"
    ).columns[0].values()[0] -%}
    {{ return(found > 0) }}
{%- endmacro %}

{#- Spark has no information_schema: ask the catalog with SHOW TABLES. -#}
{% macro spark__relation_in_catalog(relation) -%}
    {%- set found = run_query(
        "show tables in " ~ relation.schema ~ " like '" ~ relation.identifier | lower ~ "'"
    ) -%}
    {{ return(found.rows | length > 0) }}
{%- endmacro %}

{#-
    (first, newest) processed_at of the batches `model_name` has received, per
    ci_batch_log; (none, none) when it has none or the log does not exist.
-#}
{% macro logged_batches(model_name) -%}
    {%- set log = batch_log_relation() -%}
    {%- if not execute or not relation_exists(log) -%}
        {{ return([none, none]) }}
    {%- endif -%}
    {{ return(run_query(
        'select min(processed_at), max(processed_at) from ' ~ batch_log_rows(model_name)
    ).rows[0]) }}
{%- endmacro %}
