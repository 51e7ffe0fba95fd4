{#-
    Post-hook of an incremental model fed by `upstream` (a model name): adds
    the model's batch row to the incremental manifest, with the newest
    upstream `processed_at` as the model's new high-water mark, inside the
    model's transaction: a run killed before the model commits leaves the
    mark where it was, and the next run folds the same upstream rows in. A
    run that found nothing new adds no row, so running again changes nothing.
-#}
{% macro record_batch(upstream) -%}
    {%- set manifest = ref('incremental_manifest') -%}
    insert into {{ manifest }} (model_name, processed_at, high_water_mark)
    select
        '{{ this.identifier }}',
        {{ current_processed_at() }},
        newest.processed_at
    from (select max(processed_at) as processed_at from {{ ref(upstream) }}) as newest
    where newest.processed_at > {{ incremental_high_water_mark() }}
{%- endmacro %}
