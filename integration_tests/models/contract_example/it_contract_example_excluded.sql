{#- The contract example's records that are not events, and why. -#}
select
    log_id,
    exclusion_reason
from {{ ref('audit_log_excluded') }}
where app_id = '{{ var("contract_example_app_id") }}'
