{#- The canonical events of the Auth0 and Keycloak worked examples (sources.md 6, 7), primary and derived. -#}
select
    source_system,
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
where source_system in ('auth0', 'keycloak')
