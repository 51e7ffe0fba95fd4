{#-
    What the invariant checks look at in this run, from run_limits (one
    look-up), as SQL predicates over an fct_events row:

    - `is_new`: the events this run added (everything on a first build or
      full refresh; every event with `invariant_scope: all`). Rules about
      what must not exist (3, 4, 8) and rules about one row (1, 6, 7, 10)
      judge these, with their counterparts looked up wherever they are.
    - `is_due`: the events whose pairing rules (2, 5, 9) are judged now. A
      pair is pending while its events are within `late_arrival_window_hours`
      of the newest ingested record, since a partner may still be in flight;
      it is judged by the first run after that window has passed (between
      `previously_judged_until` and `judged_until` of run_limits), on a first
      build as on every later one. An event that arrives after its own window
      closed is judged at once. With `audit_log_complete: true` nothing is
      pending: a closed, complete log is judged in full.
    - `near`: where partners of those events can be: within the pairing
      window of them, so that a check reads a band of the history, not all
      of it; `session_near` reaches back a late-arrival window further, for
      the sign-in that opened an SSO session.
    - `has_work`: false when nothing is new and nothing became due.

    `occurred_at` names the column the predicates compare (validation's
    `logged_at_utc`, where the check models read it).
-#}
{% macro invariant_scope(occurred_at='occurred_at') -%}
    {%- set limits = run_limits() -%}
    {%- set window = pairing_window_seconds() -%}
    {%- set late = var('late_arrival_window_hours') | int -%}
    {%- set check_all = var('invariant_scope', 'auto') == 'all' -%}
    {%- set is_new = 'true' if check_all else 'processed_at >= ' ~ limits.processed_at -%}
    {%- set judged = limits.judged_until -%}
    {%- set previously = none if check_all else limits.previously_judged_until -%}
    {%- if judged is none -%}
        {#- Nothing new arrived (or no record says when it was ingested): no
            pending pair became due. -#}
        {{ return({
            'has_work': limits.has_new or check_all,
            'is_new': is_new,
            'is_due': 'false',
            'near': 'true',
            'session_near': 'true',
        }) }}
    {%- endif -%}
    {%- if previously is none -%}
        {%- set is_due = occurred_at ~ ' <= ' ~ judged -%}
        {%- set lower = none -%}
    {%- else -%}
        {%- set is_due = '(' ~ occurred_at ~ ' <= ' ~ judged ~ ' and (' ~ occurred_at ~ ' > ' ~ previously
            ~ ' or ' ~ is_new ~ '))' -%}
        {#- The earliest subject: the band's start, or the oldest new record. -#}
        {%- set lower = previously if limits.min_logged_at is none
            else 'least(' ~ previously ~ ', ' ~ limits.min_logged_at ~ ')' -%}
    {%- endif -%}
    {%- set upper = judged if limits.max_logged_at is none
        else 'greatest(' ~ judged ~ ', ' ~ limits.max_logged_at ~ ')' -%}
    {%- set near = [occurred_at ~ ' <= ' ~ dbt.dateadd('second', window, upper)] -%}
    {%- set session_near = near | list -%}
    {%- if lower is not none -%}
        {%- do near.append(occurred_at ~ ' >= ' ~ dbt.dateadd('second', -1 * window, lower)) -%}
        {%- do session_near.append(occurred_at ~ ' >= ' ~ dbt.dateadd(
            'hour', -1 * late, dbt.dateadd('second', -1 * window, lower)
        )) -%}
    {%- endif -%}
    {{ return({
        'has_work': true,
        'is_new': is_new,
        'is_due': is_due,
        'near': near | join(' and '),
        'session_near': session_near | join(' and '),
    }) }}
{%- endmacro %}
