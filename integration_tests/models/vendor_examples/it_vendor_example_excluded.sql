{#- The worked examples' records that are not events, with their exclusion reason. -#}
select
    source_system,
    log_id,
    exclusion_reason
from {{ ref('audit_log_excluded') }}
where source_system in ('auth0', 'keycloak')
