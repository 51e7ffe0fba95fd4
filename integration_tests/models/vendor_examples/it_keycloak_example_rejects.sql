{#- The keycloak worked example's rejected records, with their reject reason. -#}
select
    log_id,
    reject_reason
from {{ ref('audit_log_rejects') }}
where source_system = 'keycloak'
