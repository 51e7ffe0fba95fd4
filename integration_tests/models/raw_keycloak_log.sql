{#-
    The Keycloak log the package reads in place of its demo seed: the worked
    example of sources.md section 7 (line 3 has no id).
-#}
select
    line_number,
    raw_record
from {{ ref('keycloak_example') }}
