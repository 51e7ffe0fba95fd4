{#-
    One row per UTC hour from var time_spine_start to time_spine_end: the
    MetricFlow time spine at hour grain (metric_time__hour).
-#}

with

hours as (
    {{ dbt.date_spine(
        'hour',
        "cast('" ~ var('time_spine_start') ~ "' as " ~ dbt.type_timestamp() ~ ")",
        "cast('" ~ var('time_spine_end') ~ "' as " ~ dbt.type_timestamp() ~ ")",
    ) }}
),

spine as (
    select cast(date_hour as {{ dbt.type_timestamp() }}) as date_hour
    from hours
)

select * from spine
