{#-
    One row per delivered raw record of this run's files (run_limits), exactly
    as many rows as were delivered: the new files, or the demo seed until it
    is loaded. Text is cleaned (surrounding whitespace trimmed, empty = null),
    the two timestamps are parsed to UTC (null when unparseable: validation
    rejects those), and each row gets its record key, a 64-bit hash of its
    log_id and content (every column but ingested_at), so that exact
    re-deliveries share a key and conflicting copies do not.

    Everything that follows from one row alone is derived here, through the
    classify_* macros (contract section 4): the canonical event type or the
    reason the record is not an event, the attributes reporting slices by,
    and the class of device of the user agent. Validation, which decides what
    needs several rows (re-deliveries, conflicts) and the reject reasons,
    keeps the classification of good records only.

    A view: nothing of the raw width is stored. Validation reads it (the rows
    are cleaned and parsed as they stream in) and writes each distinct record
    once; invariant 11 reads it again to check that nothing was lost.
-#}
{{ config(materialized=staging_materialization()) }}
{% if reads_demo_log('janrain') %}-- depends_on: {{ ref('raw_audit_log') }}{% endif %}
{%- set batch = run_limits() %}

with

raw_audit_log as (
    select * from {{ read_raw_files(batch.files, batch.columns, batch.uniform) }} as raw_files
),

cleaned as (
    select
        {%- for column in audit_log_columns() %}
        {{ clean_text(column) }} as {{ column }},
        {%- endfor %}
        cast(filename as {{ dbt.type_string() }}) as source_file
    from raw_audit_log
),

parsed as (
    select
        {{ record_key(audit_log_content_columns()) }} as record_key,
        {%- for column in audit_log_columns() %}
        {{ column }},
        {%- endfor %}
        {{ parse_iso8601_timestamp('logged_at') }} as logged_at_utc,
        {{ parse_iso8601_timestamp('ingested_at') }} as ingested_at_utc,
        source_file,
        {{ classify_device_class('user_agent') }} as device_class,
        {{ classify_event_type('event_name', 'endpoint') }} as event_type,
        {{ classify_exclusion_reason('event_name', 'endpoint') }} as exclusion_reason,
        {{ classify_sign_in_method('event_name') }} as sign_in_method,
        {{ classify_channel('endpoint') }} as channel,
        {{ classify_creation_path('event_name', 'endpoint') }} as creation_path,
        {{ classify_update_reason(
            'event_name', 'endpoint', 'changed_attributes', 'deactivate_account'
        ) }} as update_reason,
        cast(null as {{ dbt.type_bigint() }}) as line_number,
        {%- for column, type in vendor_staged_columns().items() %}
        {%- if column == 'source_system' %}
        'janrain' as source_system,
        {%- else %}
        cast(null as {{ type }}) as {{ column }},
        {%- endif %}
        {%- endfor %}
        coalesce(event_name in {{ sql_string_list(janrain_vocabulary().event_names) }}, false)
            as is_known_event_name,
        coalesce(event_name <> 'authenticationFailedUnknownUser', true) as requires_user_uuid
    from cleaned
)

select * from parsed
