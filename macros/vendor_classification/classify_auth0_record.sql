{#-
    Auth0 (sources.md 3.2, 3.3): what one tenant-log record is by itself.
    `classify_auth0_record_class` names the rule family of a record that may
    become an event (the rules that need other records decide in
    int_vendor_records__classified); `classify_auth0_row_exclusion` gives the
    reason a record is excluded whatever else is in the log. Arguments are
    SQL expressions: the record's `type` and, for `sapi`, its operation
    (classify_auth0_management_operation).
-#}
{% macro classify_auth0_record_class(type, is_console, operation) -%}
    case
        when {{ type }} = 'ss' and {{ is_console }} then 'console_registration'
        when {{ type }} = 'ss' then 'registration'
        when {{ type }} = 's' then 'sign_in'
        when {{ type }} = 'ssa' then 'silent_auth'
        when {{ type }} = 'sapi' and {{ operation }} in ('user_create', 'user_update', 'user_delete')
            then {{ operation }}
        when {{ type }} in ('sdu', 'du') then 'delete'
        when {{ type }} in ('sce', 'scu', 'scpn', 'scp') then 'profile_change'
    end
{%- endmacro %}

{% macro classify_auth0_row_exclusion(type, operation) -%}
    case
        when {{ type }} = 'sapi' and {{ operation }} = 'failed' then 'failed_operation'
        when {{ type }} = 'sapi' and {{ operation }} = 'users_import' then 'bulk_job'
        when {{ type }} = 'sapi' and {{ operation }} = 'other' then 'not_an_insights_event'
        when {{ type }} in ('s', 'ss', 'ssa', 'sapi', 'sdu', 'du', 'sce', 'scu', 'scpn', 'scp') then null
        when {{ type }} = 'sui' then 'bulk_job'
        when {{ type }} in ('f', 'fp', 'fu', 'fsa', 'fcoa', 'fens') then 'failed_signin'
        when {{ type }} in ('fs', 'fdu', 'fapi', 'fce', 'fcu', 'fcpn', 'fcp', 'fui') then 'failed_operation'
        when {{ type }} in ('sv', 'svr', 'fv', 'fvr') then 'email_verification'
        when {{ type }} in ('scpr', 'fcpr') then 'password_recover'
        when {{ type }} is not null then 'not_an_insights_event'
    end
{%- endmacro %}

{#-
    A Management API request (sapi, section 3.2) by method and path (path
    without its query): `failed` (response status outside 200-299),
    `user_create`, `users_import`, `user_update`, `user_delete` or `other`.
-#}
{% macro classify_auth0_management_operation(method, path, status_code) -%}
    case
        when {{ status_code }} is not null and not ({{ status_code }} between 200 and 299) then 'failed'
        when {{ method }} = 'post' and {{ regex_full_match(path, '/api/v2/users/?') }} then 'user_create'
        when {{ method }} = 'post' and {{ regex_full_match(path, '/api/v2/jobs/users-imports/?') }}
            then 'users_import'
        when {{ method }} = 'patch' and {{ regex_full_match(path, '/api/v2/users/[^/]+/?') }} then 'user_update'
        when {{ method }} = 'delete' and {{ regex_full_match(path, '/api/v2/users/[^/]+/?') }} then 'user_delete'
        else 'other'
    end
{%- endmacro %}
