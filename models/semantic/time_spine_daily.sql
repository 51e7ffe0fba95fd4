{#-
    One row per calendar day from var time_spine_start to time_spine_end: the
    MetricFlow time spine at day grain, and the calendar of the dense daily
    marts (profile_counts_daily).
-#}

with

days as (
    {{ dbt.date_spine(
        'day',
        "cast('" ~ var('time_spine_start') ~ "' as date)",
        "cast('" ~ var('time_spine_end') ~ "' as date)",
    ) }}
),

spine as (
    select cast(date_day as date) as date_day
    from days
)

select * from spine
