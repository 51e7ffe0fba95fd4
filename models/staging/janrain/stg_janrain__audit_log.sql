{#-
    One row per delivered raw record, exactly as many rows as were delivered.
    The raw log comes from files when `raw_audit_log_path` is set, otherwise
    from the demo seed. Text is cleaned (empty = null), timestamps are parsed
    to UTC (null when unparseable: validation rejects those), and each record
    gets an id derived from its log_id and content, so that exact
    re-deliveries share an id and conflicting copies do not.
-#}
{%- set raw_path = var('raw_audit_log_path', '') -%}

with

raw_audit_log as (
    {%- if raw_path %}
    select * from {{ read_raw_audit_log(raw_path) }}
    {%- else %}
        select
            *,
            'seed:raw_audit_log' as filename
        from {{ ref('raw_audit_log') }}
    {%- endif %}
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
        {{ generate_surrogate_key(audit_log_content_columns()) }} as audit_record_id,
        {%- for column in audit_log_columns() %}
            {{ column }},
        {%- endfor %}
        {{ parse_iso8601_timestamp('logged_at') }} as logged_at_utc,
        {{ parse_iso8601_timestamp('ingested_at') }} as ingested_at_utc,
        source_file
    from cleaned
)

select * from parsed
