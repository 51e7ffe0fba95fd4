{#- The canonical events of the contract example's tenant, as the contract states them. -#}
select
    source_log_id,
    event_type,
    occurred_at,
    user_uuid,
    client_id,
    channel,
    sign_in_method,
    identity_provider,
    creation_path,
    update_reason
from {{ ref('fct_events') }}
where source_system = 'janrain' and app_id = '{{ var("contract_example_app_id") }}'
