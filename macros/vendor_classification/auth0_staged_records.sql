{#-
    The Auth0 records of the relation `raw_records` (source_file, line_number,
    raw_record; read_vendor_records) in the shape every source shares: what
    stg_auth0__logs selects, and what the restricted personal data of
    rejected records re-reads. See the model for what it does.
-#}
{% macro auth0_staged_records(raw_records) -%}
{%- set record_keys = ['log_id', 'date', 'type', 'tenant_name', 'client_id', 'client_name', 'user_id',
    'strategy', 'strategy_type', 'ip', 'user_agent', 'description'] %}

with

parsed as {{ materialized_cte() }} (
    {{ parsed_vendor_lines(raw_records, 'line_json') }}
),

unwrapped as (
    select
        *,
        coalesce({{ json_type_at('line_json', []) }} = 'object', false) as is_object,
        coalesce(
            {{ json_type_at('line_json', ['data']) }} = 'object'
            and {{ json_type_at('line_json', ['type']) }} is null,
            false
        ) as is_wrapper
    from parsed
),

records as {{ materialized_cte() }} (
    select
        source_file,
        line_number,
        raw_text,
        is_object,
        is_wrapper,
        case when is_wrapper then {{ json_at('line_json', ['data']) }} when is_object then line_json end
            as record_json,
        case when is_wrapper then {{ clean_text(json_text('line_json', ['log_id'])) }} end as wrapper_log_id,
        {{ clean_text(json_text('line_json', ['ingested_at'])) }} as line_ingested_at
    from unwrapped
),

fields as {{ materialized_cte() }} (
    select
        source_file,
        line_number,
        is_object,
        case
            when is_object then {{ canonical_json('record_json', ['ingested_at', '_id']) }}
            else raw_text
        end as raw_record,
        wrapper_log_id,
        line_ingested_at,
        {%- for key in record_keys %}
        {{ clean_text(json_text('record_json', [key])) }} as record_{{ key }},
        {%- endfor %}
        {{ clean_text(json_text('record_json', ['_id'])) }} as record_underscore_id,
        {{ clean_text(json_text('record_json', ['ingested_at'])) }} as record_ingested_at,
        {{ clean_text(json_text('record_json', ['details', 'session_id'])) }} as session_id,
        {{ json_text('record_json', ['details', 'prompts']) }} as prompts,
        {{ clean_text(json_text('record_json', ['details', 'stats', 'loginsCount'])) }} as logins_count_text,
        lower({{ clean_text(json_text('record_json', ['details', 'request', 'method'])) }}) as request_method,
        {{ clean_text(json_text('record_json', ['details', 'request', 'path'])) }} as request_path_with_query,
        {{ clean_text(json_text('record_json', ['details', 'request', 'channel'])) }} as request_channel,
        {{ json_text('record_json', ['details', 'request', 'body', 'blocked']) }} as request_blocked,
        {{ clean_text(json_text('record_json', ['details', 'response', 'statusCode'])) }} as response_status,
        {{ clean_text(json_text('record_json', ['details', 'response', 'body', 'user_id'])) }}
            as response_user_id
    from records
),

management_api as {{ materialized_cte() }} (
    select
        *,
        {{ regex_extract('request_path_with_query', '^([^?#]*)') }} as request_path,
        case
            when {{ regex_full_match('response_status', '[0-9]{1,3}') }} then cast(response_status as integer)
        end as response_status_code,
        {{ regex_extract('request_channel', '^[A-Za-z][A-Za-z0-9+.-]*://([^/:?#]+)') }} as request_host
    from fields
),

operations as {{ materialized_cte() }} (
    select
        *,
        case
            when record_type = 'sapi' then {{ classify_auth0_management_operation(
                'request_method', 'request_path', 'response_status_code'
            ) }}
        end as operation,
        {{ url_decode(regex_extract('request_path', '^/api/v2/users/([^/]+)/?$')) }} as path_user_id
    from management_api
),

shaped as (
    select
        case
            when not is_object then null
            when wrapper_log_id is not null then wrapper_log_id
            else coalesce(record_log_id, record_underscore_id)
        end as log_id,
        record_date as logged_at,
        record_type as event_name,
        coalesce(record_tenant_name, '{{ var("auth0_tenant") }}') as app_id,
        record_client_id as client_id,
        case
            when record_type = 'sapi' then
                upper(request_method) || ' '
                || regexp_replace(request_path, '^/api/v2/users/[^/]+', '/api/v2/users/{id}')
            else record_type
        end as endpoint,
        case
            when record_type <> 'sapi' then record_user_id
            when operation = 'user_create' then response_user_id
            when operation in ('user_update', 'user_delete') then {{ clean_text('path_user_id') }}
        end as user_uuid,
        case
            when record_strategy_type = 'enterprise' then record_strategy
            else {{ auth0_identity_provider("coalesce(record_strategy, " ~ regex_extract('record_user_id', '^([^|]*)[|]') ~ ")") }}
        end as identity_provider,
        cast(null as {{ dbt.type_string() }}) as changed_attributes,
        cast(null as {{ dbt.type_string() }}) as deactivate_account,
        cast(null as {{ dbt.type_string() }}) as batch_id,
        session_id as sso_session_id,
        record_ip as ip_address,
        record_user_agent as user_agent,
        case when record_type like 'f%' or operation = 'failed' then record_description end as failure_reason,
        coalesce(line_ingested_at, record_ingested_at) as ingested_at,
        raw_record,
        source_file,
        line_number,
        'auth0' as source_system,
        record_type is not null as is_known_event_name,
        coalesce(
            record_type in ('s', 'ss', 'sdu', 'du', 'sce', 'scu', 'scpn', 'scp')
            or operation = 'user_create'
            {%- if var('auth0_silent_auth_is_sso', false) %}
            or record_type = 'ssa'
            {%- endif %},
            false
        ) as requires_user_uuid,
        {{ classify_auth0_record_class(
            'record_type',
            "(record_client_name = 'All Applications' or request_host = 'manage.auth0.com')",
            'operation'
        ) }} as record_class,
        {{ classify_auth0_row_exclusion('record_type', 'operation') }} as row_exclusion_reason,
        coalesce(record_strategy_type in ('social', 'enterprise'), false) as is_social,
        coalesce(record_client_name = 'All Applications' or request_host = 'manage.auth0.com', false)
            as is_console,
        coalesce({{ regex_search(
            'prompts',
            '"name" *: *"(prompt-authenticate[^"]*|[^"]*authenticate)"'
        ) }}, false) as has_authenticate_prompt,
        case
            when {{ regex_full_match('logins_count_text', '[0-9]{1,18}') }}
                then cast(logins_count_text as {{ dbt.type_bigint() }})
        end as logins_count,
        case
            when operation = 'user_update' and request_blocked = 'true' then false
            when operation = 'user_update' and request_blocked = 'false' then true
        end as account_enabled,
        cast(null as {{ dbt.type_boolean() }}) as is_direct_grant
    from operations
)

select
    {{ record_key(["'auth0'", 'log_id', 'raw_record']) }} as record_key,
    {%- for column in audit_log_columns() %}
    {{ column }},
    {%- endfor %}
    {{ truncate_to_milliseconds(parse_iso8601_timestamp('logged_at')) }} as logged_at_utc,
    {{ parse_iso8601_timestamp('ingested_at') }} as ingested_at_utc,
    source_file,
    line_number,
    raw_record,
    {%- for column in vendor_staged_columns() %}
    {{ column }},
    {%- endfor %}
    is_known_event_name,
    requires_user_uuid
from shaped
{%- endmacro %}
