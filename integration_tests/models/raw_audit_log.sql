{#-
    The raw log the package reads in place of its demo seed (a root project's
    model comes first when the package refers to `raw_audit_log`): the demo
    log and the contract's worked example, whose tenant (app_id
    exampleapp00000000000000aa) and users are its own, so the example's
    expected rows can be checked on their own.
-#}
with

demo as (
    select * from {{ ref('customer_insights', 'raw_audit_log') }}
),

contract_example as (
    select * from {{ ref('contract_example') }}
)

select * from demo
union all
select * from contract_example
