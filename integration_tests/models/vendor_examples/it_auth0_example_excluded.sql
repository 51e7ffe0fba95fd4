{#- The auth0 worked example's records that are not events, with their exclusion reason. -#}
select
    log_id,
    exclusion_reason
from {{ ref('audit_log_excluded') }}
where source_system = 'auth0'
