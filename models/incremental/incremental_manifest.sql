{#-
    The project's one incremental manifest, after Snowplow's: one row per raw
    file loaded and per batch an incremental model folded in. Rows are only
    ever appended, by the post-hook of the model that did the work and inside
    that model's transaction, so a mark moves together with the data it
    stands for (see macros/incremental/).

    - A file row (`source_file` set) is written by int_audit_log__validated
      for each file whose records it added, with the source system whose
      file it is: the file is loaded from then on, and run_limits will not
      offer it again.
    - A batch row (`source_file` null) is written by every other incremental
      model: `high_water_mark` is the newest upstream `processed_at` it has
      folded in; the next run picks up only rows newer than that.

    The model itself only creates the empty table (and recreates it on
    --full-refresh, when everything is loaded again). It comes first in the
    DAG, so that every reader and writer of the manifest runs after it.
-#}
{{ config(
    materialized='incremental',
    incremental_strategy='append',
    on_schema_change='fail',
) }}

with

manifest as (
    select
        cast(null as {{ dbt.type_string() }}) as model_name,
        cast(null as {{ dbt.type_timestamp() }}) as processed_at,
        cast(null as {{ dbt.type_string() }}) as source_file,
        cast(null as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_timestamp() }}) as high_water_mark,
        cast(null as {{ dbt.type_bigint() }}) as row_count,
        cast(null as {{ dbt.type_timestamp() }}) as min_logged_at,
        cast(null as {{ dbt.type_timestamp() }}) as max_logged_at,
        cast(null as {{ dbt.type_timestamp() }}) as min_ingested_at,
        cast(null as {{ dbt.type_timestamp() }}) as max_ingested_at
)

select * from manifest
where 1 = 0
