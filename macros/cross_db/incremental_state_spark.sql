{#-
    Spark variants of the incremental bookkeeping (macros/utils/incremental_state.sql).

    Why they differ: Spark's default tables (parquet, no Delta/Iceberg jars
    here) cannot DELETE or UPDATE, and a hook or `statement` runs exactly one
    SQL statement. So the two small state tables are insert-only on Spark:

    - ci_incremental_state gets a third column, `recorded_at`; every mark is
      a new row and the newest row of a model wins (max_by). A model adds one
      row per run, so the table stays tiny.
    - ci_batch_log gets a column `generation`: the processed_at of the model's
      last full build. A full build starts a new generation (with a marker row
      without batch, so that an empty full build still hides the older
      generation), an incremental run appends to the current one, and readers
      see the newest generation only (batch_log_rows). That is what DuckDB's
      `delete ... where model_name = ...` on full builds achieves.

    `insert overwrite` of the state tables was the alternative, but Spark
    refuses to overwrite a (non-partitioned) table the same query reads from,
    and rewriting it through a copy costs more statements and is not atomic
    either. Spark has no transactions: unlike on DuckDB, a build killed
    between a model and its post-hook leaves the mark behind the data.

    Statements before the last one are run with run_query while the hook is
    rendered (in order, before the returned statement runs), because a hook
    can hold only one statement on Spark.
-#}

{% macro spark__create_incremental_state_table() -%}
    {%- if execute -%}
        {%- do run_query(create_state_table(
            incremental_state_relation(),
            incremental_state_columns() + [('recorded_at', dbt.type_timestamp())]
        )) -%}
    {%- endif %}
    {{ create_state_table(batch_log_relation(), batch_log_columns() + [('generation', dbt.type_timestamp())]) }}
{%- endmacro %}

{% macro spark__high_water_mark_query(model_name) -%}
    {{ return(
        'select max_by(high_water_mark, recorded_at) from ' ~ incremental_state_relation()
        ~ " where model_name = '" ~ model_name ~ "'"
    ) }}
{%- endmacro %}

{% macro spark__record_high_water_mark(expression) -%}
    insert into {{ incremental_state_relation() }}
    select '{{ this.identifier }}', {{ expression }}, current_timestamp()
{%- endmacro %}

{% macro spark__batch_log_rows(model_name) -%}
    {%- set log = batch_log_relation() -%}
    {{ return(
        log ~ " where model_name = '" ~ model_name ~ "' and generation = ("
        ~ "select max(generation) from " ~ log ~ " where model_name = '" ~ model_name ~ "')"
    ) }}
{%- endmacro %}

{% macro spark__record_batch(upstream, occurred_at, ingested_at) -%}
    {%- set log = batch_log_relation() -%}
    {%- set ts = dbt.type_timestamp() -%}
    {%- if is_incremental() -%}
        {%- set generation = (
            "coalesce((select max(generation) from " ~ log ~ " where model_name = '"
            ~ this.identifier ~ "'), " ~ current_processed_at() ~ ")"
        ) -%}
    {%- else -%}
        {%- set generation = current_processed_at() -%}
    {%- endif -%}
    {%- if execute -%}
        {%- if not is_incremental() -%}
            {#- The new generation's marker: no batch, so every aggregate ignores it. -#}
            {%- do run_query(
                'insert into ' ~ log ~ " select '" ~ this.identifier ~ "', cast(null as " ~ ts ~ '), '
                ~ 'cast(0 as ' ~ dbt.type_bigint() ~ '), cast(null as ' ~ ts ~ '), cast(null as ' ~ ts
                ~ '), cast(null as ' ~ ts ~ '), ' ~ generation
            ) -%}
        {%- endif -%}
        {#- Rendered (and run) before the mark moves: the mark is still the previous one. -#}
        {%- do run_query(
            'insert into ' ~ log
            ~ " select '" ~ this.identifier ~ "', processed_at, count(*), min(" ~ occurred_at
            ~ '), max(' ~ occurred_at ~ '), max(' ~ ingested_at ~ '), ' ~ generation
            ~ ' from ' ~ this ~ ' where processed_at > ' ~ incremental_high_water_mark()
            ~ ' group by processed_at'
        ) -%}
    {%- endif %}
    {{ spark__record_high_water_mark('(select max(processed_at) from ' ~ upstream ~ ')') }}
{%- endmacro %}
