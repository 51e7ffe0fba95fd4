{#- The worked examples' rejected records, with their reject reason. -#}
select
    source_system,
    log_id,
    reject_reason
from {{ ref('audit_log_rejects') }}
where source_system in ('auth0', 'keycloak')
