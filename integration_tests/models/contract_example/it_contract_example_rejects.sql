{#- The contract example's rejected records, and the reason. -#}
select
    log_id,
    reject_reason
from {{ ref('audit_log_rejects') }}
where app_id = '{{ var("contract_example_app_id") }}'
