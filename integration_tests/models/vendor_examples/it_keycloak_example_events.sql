{#- The canonical events of the keycloak worked example (sources.md), primary and derived. -#}
select
    event_id,
    is_derived,
    event_type,
    occurred_at,
    user_uuid,
    client_id,
    channel,
    sign_in_method,
    identity_provider,
    creation_path,
    update_reason,
    sso_session_id
from {{ ref('fct_events') }}
where source_system = 'keycloak'
