{#-
    The Keycloak records of the relation `raw_records` (source_file, line_number,
    raw_record; read_vendor_records) in the shape every source shares: what
    stg_keycloak__events selects, and what the restricted personal data of
    rejected records re-reads. See the model for what it does.
-#}
{% macro keycloak_staged_records(raw_records) -%}
{%- set record_keys = ['id', 'type', 'realmId', 'clientId', 'userId', 'sessionId', 'ipAddress', 'error',
    'operationType', 'resourceType', 'resourcePath', 'representation', 'ingested_at'] %}

with

parsed as {{ materialized_cte() }} (
    {{ parsed_vendor_lines(raw_records, 'record_json') }}
),

fields as {{ materialized_cte() }} (
    select
        source_file,
        line_number,
        coalesce({{ json_type_at('record_json', []) }} = 'object', false) as is_object,
        raw_text,
        record_json,
        {%- for key in record_keys %}
        {{ clean_text(json_text('record_json', [key])) }} as record_{{ key | lower }},
        {%- endfor %}
        {{ json_type_at('record_json', ['time']) }} as time_type,
        {{ json_text('record_json', ['time']) }} as time_text,
        {{ json_type_at('record_json', ['operationType']) }} as operation_type_json_type,
        {{ clean_text(json_text('record_json', ['authDetails', 'clientId'])) }} as admin_client_id,
        {{ clean_text(json_text('record_json', ['authDetails', 'ipAddress'])) }} as admin_ip_address,
        {{ clean_text(json_text('record_json', ['details', 'register_method'])) }} as register_method,
        {{ clean_text(json_text('record_json', ['details', 'identity_provider'])) }} as details_identity_provider,
        {{ clean_text(json_text('record_json', ['details', 'grant_type'])) }} as grant_type,
        {{ clean_text(json_text('record_json', ['details', 'credential_type'])) }} as credential_type
    from parsed
),

records as {{ materialized_cte() }} (
    select
        *,
        case when is_object then {{ canonical_json('record_json', ['ingested_at', '_id']) }} else raw_text end
            as raw_record,
        coalesce(operation_type_json_type not in ('null'), false) as is_admin,
        {{ json_text(json_parse('record_representation'), ['enabled']) }} as representation_enabled
    from fields
),

shaped as (
    select
        case
            when not is_object then null
            else coalesce(record_id, md5(raw_record))
        end as log_id,
        case
            when time_type = 'string' then {{ clean_text('time_text') }}
            else time_text
        end as logged_at,
        case
            when is_admin then 'admin:' || coalesce(record_operationtype, '') || ':' || coalesce(record_resourcetype, '')
            else record_type
        end as event_name,
        record_realmid as app_id,
        case when is_admin then admin_client_id else record_clientid end as client_id,
        case
            when is_admin then {{ regex_extract('record_resourcepath', '^users/([^/]+)$') }}
            else record_userid
        end as user_uuid,
        case
            when is_admin then
                record_operationtype || ' '
                || regexp_replace(coalesce(record_resourcepath, ''), '^users/[^/]+', 'users/{id}')
            else record_type
        end as endpoint,
        case
            when lower(details_identity_provider) = 'linkedin-openid-connect' then 'linkedin'
            else lower(details_identity_provider)
        end as identity_provider,
        cast(null as {{ dbt.type_string() }}) as changed_attributes,
        cast(null as {{ dbt.type_string() }}) as deactivate_account,
        cast(null as {{ dbt.type_string() }}) as batch_id,
        case when not is_admin then record_sessionid end as sso_session_id,
        case when is_admin then admin_ip_address else record_ipaddress end as ip_address,
        cast(null as {{ dbt.type_string() }}) as user_agent,
        record_error as failure_reason,
        record_ingested_at as ingested_at,
        raw_record,
        source_file,
        line_number,
        'keycloak' as source_system,
        case
            when is_admin then coalesce(record_operationtype in ('CREATE', 'UPDATE', 'DELETE', 'ACTION'), false)
            else record_type is not null
        end as is_known_event_name,
        case
            when is_admin then coalesce(
                record_resourcetype = 'USER'
                and record_operationtype in ('CREATE', 'UPDATE', 'DELETE')
                and {{ regex_full_match('record_resourcepath', 'users(/[^/]*)?') }},
                false
            )
            else coalesce(
                record_type in (
                    'REGISTER', 'LOGIN', 'DELETE_ACCOUNT', 'UPDATE_PROFILE', 'UPDATE_EMAIL', 'UPDATE_PASSWORD',
                    'FEDERATED_IDENTITY_LINK', 'REMOVE_FEDERATED_IDENTITY'
                )
                or (record_type = 'UPDATE_CREDENTIAL' and credential_type = 'password'),
                false
            )
        end as requires_user_uuid,
        {%- set class_arguments = [
            'is_admin', 'record_type', 'record_clientid', 'credential_type', 'record_operationtype',
            'record_resourcetype', 'record_resourcepath', 'record_error',
        ] %}
        {{ classify_keycloak_record_class(*class_arguments) }} as record_class,
        {{ classify_keycloak_row_exclusion(*class_arguments) }} as row_exclusion_reason,
        case
            when record_type = 'REGISTER' then coalesce(register_method = 'broker' or details_identity_provider is not null, false)
            when record_type = 'LOGIN' then details_identity_provider is not null
            else false
        end as is_social,
        coalesce(is_admin and admin_client_id = 'security-admin-console', false) as is_console,
        cast(null as {{ dbt.type_boolean() }}) as has_authenticate_prompt,
        cast(null as {{ dbt.type_bigint() }}) as logins_count,
        case
            when is_admin and representation_enabled = 'true' then true
            when is_admin and representation_enabled = 'false' then false
        end as account_enabled,
        coalesce(not is_admin and record_type = 'LOGIN' and grant_type is not null, false) as is_direct_grant,
        time_type,
        time_text
    from records
)

select
    {{ record_key(["'keycloak'", 'log_id', 'raw_record']) }} as record_key,
    {%- for column in audit_log_columns() %}
    {{ column }},
    {%- endfor %}
    case
        when (time_type = 'integer' and {{ regex_full_match('time_text', '[0-9]{1,15}') }})
            or (time_type = 'string' and {{ regex_full_match(clean_text('time_text'), '[0-9]{1,15}') }})
            then {{ epoch_ms_to_timestamp(clean_text('time_text')) }}
    end as logged_at_utc,
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
