{#-
    Contract section 6 (and sources.md 2.6): why a raw record cannot be
    trusted, checked in the contract's order (the first that applies is
    recorded), or null for a good record. Arguments are SQL expressions over
    one distinct raw record: its cleaned log_id and user_uuid (empty =
    null), whether its event name is one its source knows and whether it
    must name a user (each source's staging says, by its own rules), the
    parsed UTC timestamps (null when unparseable), `is_later_conflicting_copy`,
    true when another record with the same log_id but other content was
    ingested before this one, and `ingested_at_is_required`, true for a
    Janrain record. `unparseable_ingested_at` is the project's own
    last-resort reason for a Janrain record whose ingestion time (never
    empty by contract) cannot be read; an Auth0 or Keycloak record may come
    without one, and then nothing is compared with it.
-#}
{% macro classify_reject_reason(
    log_id, is_known_event_name, requires_user_uuid, user_uuid, logged_at_utc, ingested_at_utc,
    is_later_conflicting_copy, ingested_at_is_required='true'
) -%}
    case
        when {{ log_id }} is null then 'missing_log_id'
        when {{ logged_at_utc }} is null then 'unparseable_logged_at'
        when not {{ is_known_event_name }} then 'unknown_event_name'
        when {{ logged_at_utc }} > {{ dbt.dateadd(
            'second', var('pairing_window_seconds'), ingested_at_utc
        ) }} then 'logged_after_ingested'
        when {{ user_uuid }} is null and {{ requires_user_uuid }} then 'missing_user_uuid'
        when {{ is_later_conflicting_copy }} then 'log_id_conflict'
        when {{ ingested_at_utc }} is null and {{ ingested_at_is_required }} then 'unparseable_ingested_at'
    end
{%- endmacro %}
