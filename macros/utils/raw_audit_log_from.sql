{#-
    The raw audit log as a relation: the files named by `raw_audit_log_path`
    when it is set (without `skip_files`), otherwise the demo seed (nothing
    of it when 'seed:raw_audit_log' is among `skip_files`). Each row carries
    `filename`. Used by the staging model and by the full check of
    invariant 11, so both read exactly the same records.
-#}
{% macro raw_audit_log_from(skip_files=[]) -%}
    {%- set raw_path = var('raw_audit_log_path', '') -%}
    {%- if raw_path -%}
        {{ read_raw_audit_log(raw_path, skip_files=skip_files) }}
    {%- else -%}
        (
            select
                *,
                'seed:raw_audit_log' as filename
            from {{ ref('raw_audit_log') }}
            {%- if 'seed:raw_audit_log' in skip_files %}
            where 1 = 0
            {%- endif %}
        )
    {%- endif -%}
{%- endmacro %}

{#-
    The id of a distinct raw record (hash of log_id and content) over the
    columns of `relation_alias`, cleaned as staging cleans them.
-#}
{% macro audit_record_id_from_raw(relation_alias) -%}
    {%- set cleaned = [] -%}
    {%- for column in audit_log_content_columns() if column != 'log_id' -%}
        {%- do cleaned.append(clean_text(relation_alias ~ '.' ~ column)) -%}
    {%- endfor -%}
    {{ audit_record_key(clean_text(relation_alias ~ '.log_id'), cleaned) }}
{%- endmacro %}

{#-
    True when the staging table holds every raw record: this run loaded every
    file itself (a first build or a full refresh). Otherwise a full check of
    invariant 11 reads the raw log again.
-#}
{% macro staging_holds_every_load() -%}
    {%- set ledger = ref('audit_log_loads') -%}
    {%- if not execute or not relation_exists(ledger) -%}
        {{ return(false) }}
    {%- endif -%}
    {%- set earlier_loads = run_query(
        'select count(*) from ' ~ ledger ~ ' where processed_at <> ' ~ current_processed_at()
    ).columns[0].values()[0] -%}
    {{ return(earlier_loads == 0) }}
{%- endmacro %}

{#-
    The raw audit log for `dbt source freshness` (a source cannot ref the demo
    seed, so the seed's table is named directly): the files of
    `raw_audit_log_path`, or the demo seed's table.
-#}
{% macro raw_audit_log_for_freshness() -%}
    {%- set raw_path = var('raw_audit_log_path', '') -%}
    {%- if raw_path -%}
        {{ read_raw_audit_log(raw_path) }}
    {%- else -%}
        {{ api.Relation.create(database=target_database(), schema='seeds', identifier='raw_audit_log') }}
    {%- endif -%}
{%- endmacro %}
