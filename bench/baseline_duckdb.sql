-- Baseline (c): the project's transformations hand-written as one DuckDB script.
--
-- Same rules as a full (non-incremental) `dbt build` of the project: staging,
-- validation, classification, the three output tables, the two reporting
-- tables and the invariant checks 1-11 in full scope. Expects two variables:
--   SET VARIABLE raw_glob = '<glob of parquet files>';
--   SET VARIABLE pairing_window = INTERVAL 300 SECOND;   -- W of contract section 5
-- bench/baseline_duckdb.py sets them and runs this file in one connection.

-- 1. Every delivered row: text cleaned (surrounding whitespace, empty -> null), timestamps
--    parsed (ISO-8601 with an offset only, to UTC; anything else -> null),
--    and a record id = log_id # hash(content), content = all but ingested_at.
create or replace table raw_records as
with cleaned as (
    select
        nullif(case when regexp_matches(cast(log_id as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(log_id as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(log_id as varchar) end, '') as log_id,
        nullif(case when regexp_matches(cast(logged_at as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(logged_at as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(logged_at as varchar) end, '') as logged_at,
        nullif(case when regexp_matches(cast(event_name as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(event_name as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(event_name as varchar) end, '') as event_name,
        nullif(case when regexp_matches(cast(app_id as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(app_id as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(app_id as varchar) end, '') as app_id,
        nullif(case when regexp_matches(cast(client_id as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(client_id as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(client_id as varchar) end, '') as client_id,
        nullif(case when regexp_matches(cast(endpoint as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(endpoint as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(endpoint as varchar) end, '') as endpoint,
        nullif(case when regexp_matches(cast(user_uuid as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(user_uuid as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(user_uuid as varchar) end, '') as user_uuid,
        nullif(case when regexp_matches(cast(identity_provider as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(identity_provider as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(identity_provider as varchar) end, '') as identity_provider,
        nullif(case when regexp_matches(cast(changed_attributes as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(changed_attributes as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(changed_attributes as varchar) end, '') as changed_attributes,
        nullif(case when regexp_matches(cast(deactivate_account as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(deactivate_account as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(deactivate_account as varchar) end, '') as deactivate_account,
        nullif(case when regexp_matches(cast(batch_id as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(batch_id as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(batch_id as varchar) end, '') as batch_id,
        nullif(case when regexp_matches(cast(sso_session_id as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(sso_session_id as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(sso_session_id as varchar) end, '') as sso_session_id,
        nullif(case when regexp_matches(cast(ip_address as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(ip_address as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(ip_address as varchar) end, '') as ip_address,
        nullif(case when regexp_matches(cast(user_agent as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(user_agent as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(user_agent as varchar) end, '') as user_agent,
        nullif(case when regexp_matches(cast(failure_reason as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(failure_reason as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(failure_reason as varchar) end, '') as failure_reason,
        nullif(case when regexp_matches(cast(ingested_at as varchar), '^[\s\pZ\x{0B}]|[\s\pZ\x{0B}]$') then regexp_replace(cast(ingested_at as varchar), '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g') else cast(ingested_at as varchar) end, '') as ingested_at,
        filename as source_file
    from read_parquet(getvariable('raw_glob'), union_by_name = true, filename = true)
)
select
    coalesce(log_id, '') || '#' || cast(hash(
        logged_at, event_name, app_id, client_id, endpoint, user_uuid, identity_provider,
        changed_attributes, deactivate_account, batch_id, sso_session_id, ip_address,
        user_agent, failure_reason
    ) as varchar) as record_id,
    *,
    case when regexp_full_match(logged_at,
            '\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)')
        then timezone('UTC', try_cast(logged_at as timestamptz)) end as logged_at_utc,
    case when regexp_full_match(ingested_at,
            '\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)')
        then timezone('UTC', try_cast(ingested_at as timestamptz)) end as ingested_at_utc
from cleaned;

-- 2. One row per distinct record (earliest delivery kept), ranked within its
--    log_id by ingestion, with the reject reason in the contract's order.
create or replace table records as
with distinct_records as (
    select * from raw_records
    qualify row_number() over (
        partition by record_id order by ingested_at_utc nulls last, ingested_at, source_file
    ) = 1
),
ranked as (
    select
        *,
        case when log_id is null then 1
            else row_number() over (
                partition by log_id order by ingested_at_utc nulls last, record_id
            )
        end as log_id_rank
    from distinct_records
)
select
    *,
    case
        when log_id is null then 'missing_log_id'
        when logged_at_utc is null then 'unparseable_logged_at'
        when event_name is null or event_name not in (
            'legacy_traditional_registration', 'legacy_traditional_signin',
            'legacy_social_registration', 'legacy_social_signin', 'sso_signin',
            'entityCreated', 'entityUpdated', 'entityDeleted',
            'authenticationFailedKnownUser', 'authenticationFailedUnknownUser',
            'new_email_verification', 'password_recover'
        ) then 'unknown_event_name'
        when logged_at_utc > ingested_at_utc + getvariable('pairing_window')
            then 'logged_after_ingested'
        when user_uuid is null and event_name <> 'authenticationFailedUnknownUser'
            then 'missing_user_uuid'
        when log_id_rank > 1 then 'log_id_conflict'
        when ingested_at_utc is null then 'unparseable_ingested_at'
    end as reject_reason
from ranked;

-- 3. Classification of the good records (contract section 4).
create or replace view classified as
select
    *,
    case event_name
        when 'legacy_traditional_registration' then 'signin.traditional_register'
        when 'legacy_traditional_signin' then 'signin.traditional'
        when 'legacy_social_registration' then 'signin.social_register'
        when 'legacy_social_signin' then 'signin.social'
        when 'sso_signin' then 'signin.sso'
        when 'entityCreated' then 'entity_create'
        when 'entityDeleted' then 'entity_delete'
        when 'entityUpdated' then
            case when coalesce(endpoint, '') <> '/entity.replace' then 'entity_update' end
    end as event_type,
    case
        when event_name = 'entityUpdated' and endpoint = '/entity.replace' then 'entity_replace'
        when event_name in ('authenticationFailedKnownUser', 'authenticationFailedUnknownUser')
            then 'failed_signin'
        when event_name = 'new_email_verification' then 'email_verification'
        when event_name = 'password_recover' then 'password_recover'
    end as exclusion_reason,
    case
        when event_name in ('legacy_traditional_registration', 'legacy_traditional_signin')
            then 'traditional'
        when event_name in ('legacy_social_registration', 'legacy_social_signin') then 'social'
        when event_name = 'sso_signin' then 'sso'
    end as sign_in_method,
    case
        when endpoint is null then 'console'
        when endpoint like '/widget/%' then 'registration_ui'
        when endpoint like '/oauth/%' then 'oauth_api'
        when endpoint like '/sso/%' then 'sso_server'
        when endpoint like '/entity.%' then 'entity_api'
    end as channel,
    case when event_name = 'entityCreated' then
        case
            when endpoint in ('/widget/traditional_register.jsonp', '/widget/social_register.jsonp',
                              '/oauth/register_native_traditional', '/oauth/register_native')
                then 'registration'
            when endpoint = '/entity.bulkCreate' then 'bulk_import'
            when endpoint = '/entity.create' then 'api_only'
            when endpoint is null then 'console'
        end
    end as creation_path,
    case when event_name = 'entityUpdated' and coalesce(endpoint, '') <> '/entity.replace' then
        case
            when '|' || changed_attributes || '|' like '%|deactivateAccount|%' then
                case when deactivate_account is null then 'reactivation' else 'deactivation' end
            when endpoint in ('/widget/traditional_signin.jsonp', '/widget/social_signin.jsonp',
                              '/oauth/auth_native_traditional', '/oauth/auth_native',
                              '/sso/check_session')
                and regexp_full_match(changed_attributes, '(lastLogin|clients)([|](lastLogin|clients))*')
                then 'login'
            else 'profile_edit'
        end
    end as update_reason
from records
where reject_reason is null;

-- 4. The three output tables.
create or replace table fct_events as
select
    record_id as event_id, event_type, logged_at_utc as occurred_at,
    ingested_at_utc as ingested_at, app_id, client_id, user_uuid, endpoint, channel,
    sign_in_method, identity_provider, creation_path, update_reason, changed_attributes,
    sso_session_id, batch_id, log_id as source_log_id
from classified
where event_type is not null;

create or replace table audit_log_excluded as
select
    record_id as audit_record_id, log_id, exclusion_reason, event_name,
    logged_at_utc as logged_at, ingested_at_utc as ingested_at, app_id, client_id,
    endpoint, user_uuid, failure_reason
from classified
where event_type is null;

create or replace table audit_log_rejects as
select
    record_id as audit_record_id, reject_reason, log_id, logged_at, event_name, app_id,
    client_id, endpoint, user_uuid, identity_provider, changed_attributes, deactivate_account,
    batch_id, sso_session_id, ip_address, user_agent, failure_reason, ingested_at,
    logged_at_utc, source_file
from records
where reject_reason is not null;

-- 5. Reporting.
create or replace table events_hourly as
select
    date_trunc('hour', occurred_at) as event_hour, app_id, client_id, event_type,
    count(*) as event_count, count(distinct user_uuid) as user_count
from fct_events
group by all;

create or replace table events_by_hour_of_day as
select
    cast(extract(hour from event_hour) as integer) as hour_of_day, event_type,
    cast(sum(event_count) as bigint) as event_count
from events_hourly
group by all;

-- 6. Invariants of contract section 5, full scope: violations per invariant.
create or replace table invariant_violations as
with
registrations as (
    select * from fct_events
    where event_type in ('signin.traditional_register', 'signin.social_register')
),
registration_creations as (
    select * from fct_events where event_type = 'entity_create' and creation_path = 'registration'
),
registration_pairs as (
    select r.event_id as registration_id, c.event_id as creation_id
    from registrations r
    join registration_creations c
        on r.app_id = c.app_id and r.user_uuid = c.user_uuid
        and r.client_id is not distinct from c.client_id and r.endpoint = c.endpoint
        and c.occurred_at between r.occurred_at - getvariable('pairing_window')
                              and r.occurred_at + getvariable('pairing_window')
),
sign_ins as (
    select * from fct_events
    where event_type in ('signin.traditional', 'signin.social', 'signin.sso')
),
login_updates as (
    select * from fct_events where event_type = 'entity_update' and update_reason = 'login'
),
sign_in_pairs as (
    select s.event_id as sign_in_id, u.event_id as update_id
    from sign_ins s
    join login_updates u
        on s.app_id = u.app_id and s.user_uuid = u.user_uuid
        and s.client_id is not distinct from u.client_id and s.endpoint = u.endpoint
        and u.occurred_at between s.occurred_at - getvariable('pairing_window')
                              and s.occurred_at + getvariable('pairing_window')
),
outcomes as (
    select event_id as id, event_type as reason from fct_events
    union all
    select audit_record_id, exclusion_reason from audit_log_excluded
    union all
    select audit_record_id, reject_reason from audit_log_rejects
),
outcome_counts as (
    select id, count(*) as n, count(*) filter (where reason is null) as missing_reason
    from outcomes group by id
),
raw_ids as (select distinct record_id as id from raw_records)
select 1 as invariant, (
    select count(*) from fct_events where event_type is null or event_type not in (
        'signin.traditional_register', 'signin.traditional', 'signin.social_register',
        'signin.social', 'signin.sso', 'entity_create', 'entity_update', 'entity_delete')
) + (select count(*) from fct_events where event_id is null)
  + (select coalesce(sum(n), 0) from (
        select count(*) as n from fct_events where event_id is not null
        group by event_id having count(*) > 1))
  + (select count(*) from fct_events where occurred_at is null)
  + (select count(*) from fct_events where user_uuid is null) as violations
union all
select 2, (
    select count(*) from (
        select r.event_id, count(p.creation_id) as n
        from registrations r left join registration_pairs p on r.event_id = p.registration_id
        group by r.event_id) where n <> 1
) + (
    select count(*) from registration_creations c
    where not exists (select 1 from registration_pairs p where p.creation_id = c.event_id)
)
union all
select 3, count(*) from (
    select distinct r.event_id, r.event_type, r.user_uuid, c.creation_path
    from registrations r
    join fct_events c on r.app_id = c.app_id and r.user_uuid = c.user_uuid
    where c.event_type = 'entity_create' and c.creation_path in ('bulk_import', 'api_only', 'console')
)
union all
select 4, (
    select count(*)
    from fct_events s
    join registrations r on s.app_id = r.app_id and s.user_uuid = r.user_uuid
    where s.event_type in ('signin.traditional', 'signin.social')
        and (s.occurred_at < r.occurred_at
             or (s.channel = r.channel and s.occurred_at >= r.occurred_at
                 and s.occurred_at <= r.occurred_at + getvariable('pairing_window')))
) + (
    select count(*) from fct_events
    where event_type in ('signin.traditional', 'signin.social')
        and endpoint in ('/widget/traditional_register.jsonp', '/widget/social_register.jsonp',
                         '/oauth/register_native_traditional', '/oauth/register_native')
)
union all
select 5, (
    select count(*) from sign_ins s
    where not exists (select 1 from sign_in_pairs p where p.sign_in_id = s.event_id)
) + (
    select count(*) from login_updates u
    where not exists (select 1 from sign_in_pairs p where p.update_id = u.event_id)
)
union all
select 6, count(*) from fct_events
where event_type = 'entity_update' and endpoint = '/entity.replace'
union all
select 7, count(*) from fct_events
where '|' || changed_attributes || '|' like '%|deactivateAccount|%'
    and not (event_type = 'entity_update' and update_reason in ('deactivation', 'reactivation'))
union all
select 8, count(*)
from fct_events e
join (
    select app_id, user_uuid, min(occurred_at) as deleted_at
    from fct_events where event_type = 'entity_delete' group by app_id, user_uuid
) d on e.app_id = d.app_id and e.user_uuid = d.user_uuid
where e.occurred_at > d.deleted_at
union all
select 9, count(*) from fct_events s
where s.event_type = 'signin.sso' and not exists (
    select 1 from fct_events i
    where i.event_type in ('signin.traditional', 'signin.social',
                           'signin.traditional_register', 'signin.social_register')
        and i.sso_session_id is not null
        and i.app_id = s.app_id and i.sso_session_id = s.sso_session_id
        and i.client_id <> s.client_id and i.occurred_at < s.occurred_at
)
union all
select 10, count(*) from fct_events
where (event_type in ('signin.social', 'signin.social_register') and identity_provider is null)
   or (event_type in ('signin.traditional', 'signin.traditional_register')
       and identity_provider is not null)
union all
select 11, count(*)
from raw_ids full outer join outcome_counts o on raw_ids.id = o.id
where o.id is null or raw_ids.id is null or o.n <> 1 or o.missing_reason > 0;
