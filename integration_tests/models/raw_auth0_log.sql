{#-
    The Auth0 log the package reads in place of its demo seed: the worked
    example of sources.md section 6, one JSON record per row as a log stream
    writes it (line 8 wraps line 7).
-#}
select
    line_number,
    raw_record
from {{ ref('auth0_example') }}
