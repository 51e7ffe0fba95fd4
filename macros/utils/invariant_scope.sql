{#-
    What the invariant tests look at, decided once per test when it runs.

    - `full`: everything, and nothing counts as in flight. On a first build or
      a --full-refresh (fct_events holds a single batch), and always with
      `invariant_scope: all`. With `late_arrival_grace: always`, a first build
      also leaves the pairs of its newest late-arrival window to later runs
      (for a log that is still arriving, as in an hourly deployment).
    - otherwise (an incremental run): the newest batch of fct_events, i.e. the
      rows with the greatest processed_at, and, for the pairing invariants
      (2, 5, 9), the events whose partner can no longer be in flight: those at
      least `late_arrival_window_hours` older than the newest ingested record.
      Such a pair is judged in the first run after its window closed (the
      "due" band), or at once when the event itself arrived that late.
      Partners are looked up only among events near the ones under test, so
      the cost follows the new data, not the history.

    Returns a dict of SQL snippets (timestamp literals and predicates over an
    fct_events row) for the tests to splice in.
-#}
{% macro invariant_scope() -%}
    {%- set ts = dbt.type_timestamp() -%}
    {%- set scope = {'full': true} -%}
    {%- if not execute or var('invariant_scope', 'auto') == 'all' -%}
        {{ return(scope) }}
    {%- endif -%}
    {#- The batches fct_events received, from the batch log (a few rows), not from the table. -#}
    {%- set batches = logged_batches('fct_events') -%}
    {%- if batches[1] is none -%}
        {{ return(scope) }}
    {%- endif -%}
    {%- set single_batch = batches[0] == batches[1] -%}
    {%- if single_batch and var('late_arrival_grace', 'incremental') != 'always' -%}
        {{ return(scope) }}
    {%- endif -%}
    {%- set latest = "cast('" ~ batches[1] ~ "' as " ~ ts ~ ")" -%}
    {%- set marks = run_query(
        'select'
        ~ ' max(case when processed_at < ' ~ latest ~ ' then max_ingested_at end),'
        ~ ' max(max_ingested_at),'
        ~ ' min(case when processed_at >= ' ~ latest ~ ' then min_occurred_at end),'
        ~ ' max(case when processed_at >= ' ~ latest ~ ' then max_occurred_at end)'
        ~ ' from ' ~ batch_log_rows('fct_events')
    ).rows[0] -%}
    {%- set late = var('late_arrival_window_hours') | int -%}
    {%- set window = pairing_window_seconds() -%}
    {%- set previous_mark = "cast('" ~ (marks[0] or marks[1]) ~ "' as " ~ ts ~ ")" -%}
    {%- set current_mark = "cast('" ~ marks[1] ~ "' as " ~ ts ~ ")" -%}
    {%- set due_start = dbt.dateadd('hour', -1 * late, previous_mark) -%}
    {%- set due_end = dbt.dateadd('hour', -1 * late, current_mark) -%}
    {%- set new_min = "cast('" ~ marks[2] ~ "' as " ~ ts ~ ")" -%}
    {%- set new_max = "cast('" ~ marks[3] ~ "' as " ~ ts ~ ")" -%}
    {%- if single_batch -%}
        {#- A first build of a log that is still arriving: check everything, but
            leave the pairs of the newest window for the next runs to judge. -#}
        {%- do scope.update({
            'full': false,
            'latest_batch': latest,
            'is_new': 'processed_at >= ' ~ latest,
            'is_due': 'occurred_at <= ' ~ due_end,
            'due_start': due_start,
            'due_end': due_end,
            'new_min': new_min,
            'new_max': new_max,
            'near_new': 'true',
            'near_due': 'true',
        }) -%}
        {{ return(scope) }}
    {%- endif -%}
    {%- do scope.update({
        'full': false,
        'latest_batch': latest,
        'is_new': 'processed_at >= ' ~ latest,
        'is_due':
            '((processed_at >= ' ~ latest ~ ' and occurred_at <= ' ~ due_end ~ ')'
            ~ ' or (occurred_at > ' ~ due_start ~ ' and occurred_at <= ' ~ due_end ~ '))',
        'due_start': due_start,
        'due_end': due_end,
        'new_min': new_min,
        'new_max': new_max,
        'near_new':
            'occurred_at >= ' ~ dbt.dateadd('hour', -1 * late, new_min)
            ~ ' and occurred_at <= ' ~ dbt.dateadd('hour', late, new_max),
        'near_due':
            'occurred_at >= ' ~ dbt.dateadd('hour', -1 * late, dbt.dateadd(
                'second', -1 * window, 'least(' ~ new_min ~ ', ' ~ due_start ~ ')'
            ))
            ~ ' and occurred_at <= ' ~ dbt.dateadd('second', window, 'greatest(' ~ new_max ~ ', ' ~ due_end ~ ')'),
    }) -%}
    {{ return(scope) }}
{%- endmacro %}
