{#-
    `processed_at >= <this run's batch>` on an incremental run (run_limits),
    for a relation whose rows carry the `processed_at` of the run that added
    them; none (check every row) on a first build or full refresh, and with
    `invariant_scope: all`.
-#}
{% macro latest_batch_filter(relation) -%}
    {%- set limits = run_limits(unreferenced=true) -%}
    {%- if not execute or var('invariant_scope', 'auto') == 'all' or limits.first_load -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return('processed_at >= ' ~ limits.processed_at) }}
{%- endmacro %}
