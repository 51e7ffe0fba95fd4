{#-
    The limits of this run, worked out once at the start of the DAG: one row
    per raw file this run reads (files no earlier run loaded, per the
    incremental manifest; the demo seed counts as one file), with the file's
    row count and the span of its timestamps, and the run's marks on every
    row. No rows: nothing new arrived, and every incremental model has
    nothing to add.

    Every model and scoped test that needs to know "what is new" reads its
    literals from here: staging reads exactly these files; validation looks
    for earlier copies of the records only around their logged_at span; the
    pairing invariants judge the pairs whose late-arrival window has closed
    (between `previously_judged_until` and `judged_until`) and leave the
    rest pending. The file list is decided here, before any model writes, so
    a file that is missing a required column stops the run at this node.
-#}
{{ config(materialized='table') }}
{% for source in vendor_sources() if reads_demo_log(source) -%}
-- depends_on: {{ ref('raw_' ~ source ~ '_log') }}
{% endfor %}
{%- set new_files = new_raw_files() %}
{%- set vendor_files = {} %}
{%- for source in vendor_sources() %}
    {%- do vendor_files.update({source: new_vendor_files(source)}) %}
{%- endfor %}
{%- set late_hours = var('late_arrival_window_hours') | int %}
{#- The band of occurred_at whose pairs are judged: up to a late-arrival window
    before the newest ingestion; everything with `audit_log_complete`. -#}
{%- set complete = var('audit_log_complete', false) %}
{%- set previously_judged_until = 'cast(null as ' ~ dbt.type_timestamp() ~ ')' if complete
    else dbt.dateadd('hour', -1 * late_hours, 'newest_ingestion.previous_max_ingested_at') %}
{%- set judged_until = "cast('9999-12-31 00:00:00' as " ~ dbt.type_timestamp() ~ ")" if complete
    else dbt.dateadd('hour', -1 * late_hours, 'newest_ingestion.max_ingested_at') %}

with

manifest as (
    select * from {{ ref('incremental_manifest') }}
),

raw_audit_log as (
    select *
    from {{ read_raw_files(new_files.files, new_files.columns, new_files.uniform) }} as raw_files
),

earlier_loads as (
    select
        count(*) as previously_loaded_files,
        max(max_ingested_at) as previous_max_ingested_at
    from manifest
    where source_file is not null
),

-- Parsed as staging parses them (so the spans cover exactly its records).
-- An Auth0 or Keycloak record without an ingestion time counts as ingested
-- now, when it is loaded (sources.md 2.1).
timestamps as (
    select
        'janrain' as source_system,
        filename,
        {{ parse_iso8601_timestamp(clean_text('logged_at')) }} as logged_at_utc,
        {{ parse_iso8601_timestamp(clean_text('ingested_at')) }} as ingested_at_utc
    from raw_audit_log
    {%- for source, files in vendor_files | dictsort %}

    union all

    select
        '{{ source }}' as source_system,
        vendor_records.source_file as filename,
        {{ vendor_logged_at(source, 'vendor_records.raw_record') }} as logged_at_utc,
        coalesce(
            {{ vendor_ingested_at('vendor_records.raw_record') }},
            {{ current_processed_at() }}
        ) as ingested_at_utc
    from {{ read_vendor_records(source, files) }} as vendor_records
    where {{ clean_text('vendor_records.raw_record') }} is not null
    {%- endfor %}
),

new_files as (
    select
        source_system,
        filename as source_file,
        count(*) as delivered_rows,
        min(logged_at_utc) as min_logged_at,
        max(logged_at_utc) as max_logged_at,
        min(ingested_at_utc) as min_ingested_at,
        max(ingested_at_utc) as max_ingested_at
    from timestamps
    group by source_system, filename
),

files_span as (
    select max(max_ingested_at) as max_ingested_at
    from new_files
),

newest_ingestion as (
    select
        earlier_loads.previously_loaded_files,
        earlier_loads.previous_max_ingested_at,
        case
            when earlier_loads.previous_max_ingested_at is null then files_span.max_ingested_at
            when files_span.max_ingested_at > earlier_loads.previous_max_ingested_at
                then files_span.max_ingested_at
            else earlier_loads.previous_max_ingested_at
        end as max_ingested_at
    from earlier_loads
    cross join files_span
),

limits as (
    select
        cast(new_files.source_system as {{ dbt.type_string() }}) as source_system,
        cast(new_files.source_file as {{ dbt.type_string() }}) as source_file,
        cast(new_files.delivered_rows as {{ dbt.type_bigint() }}) as delivered_rows,
        new_files.min_logged_at,
        new_files.max_logged_at,
        new_files.min_ingested_at,
        new_files.max_ingested_at,
        {{ current_processed_at() }} as processed_at,
        '{{ new_files.columns.keys() | sort | join(",") }}' as raw_columns,
        {{ 'true' if new_files.uniform else 'false' }} as raw_columns_uniform,
        cast(newest_ingestion.previously_loaded_files as {{ dbt.type_bigint() }})
            as previously_loaded_files,
        newest_ingestion.previous_max_ingested_at,
        {{ previously_judged_until }} as previously_judged_until,
        {{ judged_until }} as judged_until
    from new_files
    cross join newest_ingestion
)

select * from limits
