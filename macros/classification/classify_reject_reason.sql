{#-
    Contract section 6: why a raw record cannot be trusted, checked in the
    contract's order (the first that applies is recorded), or null for a good
    record. Arguments are SQL expressions over one distinct raw record:
    cleaned text columns (empty = null), the parsed UTC timestamps (null when
    unparseable) and `is_later_conflicting_copy`, true when another record
    with the same log_id but other content was ingested before this one.
    `unparseable_ingested_at` is the project's own last-resort reason for a
    record whose ingestion time (never empty by contract) cannot be read.
-#}
{% macro classify_reject_reason(
    log_id, event_name, user_uuid, logged_at_utc, ingested_at_utc, is_later_conflicting_copy
) -%}
    case
        when {{ log_id }} is null then 'missing_log_id'
        when {{ logged_at_utc }} is null then 'unparseable_logged_at'
        when {{ event_name }} is null
            or {{ event_name }} not in {{ sql_string_list(janrain_vocabulary().event_names) }}
            then 'unknown_event_name'
        when {{ logged_at_utc }} > {{ dbt.dateadd(
            'second', var('pairing_window_seconds'), ingested_at_utc
        ) }} then 'logged_after_ingested'
        when {{ user_uuid }} is null
            and {{ event_name }} <> 'authenticationFailedUnknownUser'
            then 'missing_user_uuid'
        when {{ is_later_conflicting_copy }} then 'log_id_conflict'
        when {{ ingested_at_utc }} is null then 'unparseable_ingested_at'
    end
{%- endmacro %}
