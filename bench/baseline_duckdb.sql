-- Baseline (c): the pipeline of a full build as one hand-tuned DuckDB script.
--
-- The same work as `dbt build` of the pipeline (no dashboards): read and clean the raw
-- files, key and parse every delivered row, collapse re-deliveries and rank log_id
-- conflicts, reject, classify, store every distinct record once, count each file into the
-- ledger, the hourly marts, and check invariants 1-11 over everything. Written the
-- fastest direct way found (DECISIONS 51-53, 58): one stored table of records with the
-- three outputs as views over it (writing a 10M-row fact a second time costs more than
-- every check together), 64-bit keys in every join, only the rows whose log_id repeats
-- ranked, the staging expressions inlined rather than buffered. bench/baseline_duckdb.py sets the variables and runs it in one
-- connection:
--   SET VARIABLE raw_files = ['<file>', ...];
--   SET VARIABLE pairing_window = INTERVAL 300 SECOND;

-- 1. Every delivered row: text cleaned (surrounding blanks trimmed, empty = null; only
--    values whose first or last character is not printable ASCII meet the pattern),
--    timestamps parsed (ISO-8601 with an offset only, to UTC), and the record key.
create or replace macro clean(value) as nullif(
    case
        when ord(value) not between 33 and 126 or ord(value[-1]) not between 33 and 126
            then regexp_replace(value, '^[\s\pZ\x{0B}]+|[\s\pZ\x{0B}]+$', '', 'g')
        else value
    end, '');

create or replace macro parse_ts(value) as case
    when regexp_full_match(value,
        '(\d{3}[1-9]|\d{2}[1-9]\d|\d[1-9]\d{2}|[1-9]\d{3})-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])'
        || '[T ]([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]([01]\d|2[0-3])(:?[0-5]\d)?)')
        then timezone('UTC', try_cast(value as timestamptz))
end;

create or replace view staged as
select
    cast(hash(log_id, logged_at, event_name, app_id, client_id, endpoint, user_uuid,
        identity_provider, changed_attributes, deactivate_account, batch_id, sso_session_id,
        ip_address, user_agent, failure_reason) >> 1 as bigint) as record_key,
    *,
    parse_ts(logged_at) as logged_at_utc,
    parse_ts(ingested_at) as ingested_at_utc
from (
    select
        clean(log_id) as log_id, clean(logged_at) as logged_at, clean(event_name) as event_name,
        clean(app_id) as app_id, clean(client_id) as client_id, clean(endpoint) as endpoint,
        clean(user_uuid) as user_uuid, clean(identity_provider) as identity_provider,
        clean(changed_attributes) as changed_attributes,
        clean(deactivate_account) as deactivate_account, clean(batch_id) as batch_id,
        clean(sso_session_id) as sso_session_id, clean(ip_address) as ip_address,
        clean(user_agent) as user_agent, clean(failure_reason) as failure_reason,
        clean(ingested_at) as ingested_at, filename as source_file
    from read_parquet(getvariable('raw_files'), union_by_name = true, filename = true)
);

-- 2. One row per distinct record, validated and classified, stored once.
create or replace table records as
with
audit_log as not materialized (select * from staged),
repeated_log_ids as (
    select cast(hash(log_id) >> 1 as bigint) as log_id_key
    from audit_log where log_id is not null
    group by 1 having count(*) > 1
),
delivered_once as (
    select *, 1 as log_id_rank from audit_log
    where log_id is not null
        and cast(hash(log_id) >> 1 as bigint) not in (select log_id_key from repeated_log_ids)
),
delivered_more_than_once as (
    select * from audit_log
    where log_id is null
        or cast(hash(log_id) >> 1 as bigint) in (select log_id_key from repeated_log_ids)
),
first_deliveries as (
    select * exclude (delivery_rank) from (
        select *, row_number() over (
            partition by log_id, record_key
            order by ingested_at_utc nulls last, ingested_at, source_file
        ) as delivery_rank
        from delivered_more_than_once
    ) where delivery_rank = 1
),
shared_log_id_ranked as (
    select *, case when log_id is null then 1 else row_number() over (
        partition by log_id order by ingested_at_utc nulls last, record_key
    ) end as log_id_rank
    from first_deliveries
),
checked as (
    select *,
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
    from (select * from delivered_once union all select * from shared_log_id_ranked)
)
select
    record_key, log_id,
    case when reject_reason is not null then logged_at end as logged_at,
    event_name, app_id, client_id, endpoint, user_uuid, identity_provider, changed_attributes,
    deactivate_account, batch_id, sso_session_id,
    case when reject_reason is not null then ip_address end as ip_address,
    case when reject_reason is not null then user_agent end as user_agent,
    failure_reason,
    case when reject_reason is not null then ingested_at end as ingested_at,
    logged_at_utc, ingested_at_utc, source_file, reject_reason,
    current_timestamp::timestamp as processed_at,
    case
        when user_agent is null then null
        when lower(user_agent) like '%bot%' or lower(user_agent) like '%crawler%'
            or lower(user_agent) like '%spider%' or lower(user_agent) like '%curl/%'
            or lower(user_agent) like '%python-requests%' or lower(user_agent) like '%headless%'
            then 'bot'
        when lower(user_agent) like '%ipad%' or lower(user_agent) like '%tablet%'
            or (lower(user_agent) like 'mozilla/%' and lower(user_agent) like '%android%'
                and lower(user_agent) not like '%mobile%') then 'tablet'
        when lower(user_agent) like '%mobile%' or lower(user_agent) like '%iphone%'
            or lower(user_agent) like '%android%' or lower(user_agent) like '%okhttp%'
            or lower(user_agent) like '%cfnetwork%' then 'mobile'
        when lower(user_agent) like '%windows%' or lower(user_agent) like '%macintosh%'
            or lower(user_agent) like '%x11%' or lower(user_agent) like '%cros%' then 'desktop'
        else 'other'
    end as device_class,
    case when reject_reason is null then case event_name
        when 'legacy_traditional_registration' then 'signin.traditional_register'
        when 'legacy_traditional_signin' then 'signin.traditional'
        when 'legacy_social_registration' then 'signin.social_register'
        when 'legacy_social_signin' then 'signin.social'
        when 'sso_signin' then 'signin.sso'
        when 'entityCreated' then 'entity_create'
        when 'entityDeleted' then 'entity_delete'
        when 'entityUpdated' then
            case when coalesce(endpoint, '') <> '/entity.replace' then 'entity_update' end
    end end as event_type,
    case when reject_reason is null then case
        when event_name = 'entityUpdated' and endpoint = '/entity.replace' then 'entity_replace'
        when event_name in ('authenticationFailedKnownUser', 'authenticationFailedUnknownUser')
            then 'failed_signin'
        when event_name = 'new_email_verification' then 'email_verification'
        when event_name = 'password_recover' then 'password_recover'
    end end as exclusion_reason,
    case when reject_reason is null then case
        when event_name in ('legacy_traditional_registration', 'legacy_traditional_signin')
            then 'traditional'
        when event_name in ('legacy_social_registration', 'legacy_social_signin') then 'social'
        when event_name = 'sso_signin' then 'sso'
    end end as sign_in_method,
    case when reject_reason is null then case
        when endpoint is null then 'console'
        when endpoint like '/widget/%' then 'registration_ui'
        when endpoint like '/oauth/%' then 'oauth_api'
        when endpoint like '/sso/%' then 'sso_server'
        when endpoint like '/entity.%' then 'entity_api'
    end end as channel,
    case when reject_reason is null and event_name = 'entityCreated' then case
        when endpoint in ('/widget/traditional_register.jsonp', '/widget/social_register.jsonp',
                          '/oauth/register_native_traditional', '/oauth/register_native')
            then 'registration'
        when endpoint = '/entity.bulkCreate' then 'bulk_import'
        when endpoint = '/entity.create' then 'api_only'
        when endpoint is null then 'console'
    end end as creation_path,
    case when reject_reason is null and event_name = 'entityUpdated'
        and coalesce(endpoint, '') <> '/entity.replace' then case
        when '|' || changed_attributes || '|' like '%|deactivateAccount|%' then
            case when deactivate_account is null then 'reactivation' else 'deactivation' end
        when endpoint in ('/widget/traditional_signin.jsonp', '/widget/social_signin.jsonp',
                          '/oauth/auth_native_traditional', '/oauth/auth_native',
                          '/sso/check_session')
            and regexp_full_match(changed_attributes, '(lastLogin|clients)([|](lastLogin|clients))*')
            then 'login'
        else 'profile_edit'
    end end as update_reason
from checked;

-- 3. The three outputs, views over the records (as in the project).
create or replace view fct_events as
select log_id || '#' || record_key as event_id, record_key as event_key, event_type,
    logged_at_utc as occurred_at, ingested_at_utc as ingested_at, app_id, client_id, user_uuid,
    endpoint, channel, device_class, sign_in_method, identity_provider, creation_path,
    update_reason, changed_attributes, sso_session_id, batch_id, log_id as source_log_id,
    processed_at
from records where event_type is not null;

create or replace view audit_log_excluded as
select coalesce(log_id, '') || '#' || record_key as audit_record_id,
    record_key as audit_record_key, log_id, exclusion_reason, event_name,
    logged_at_utc as logged_at, ingested_at_utc as ingested_at, app_id, client_id, endpoint,
    user_uuid, failure_reason, processed_at
from records where exclusion_reason is not null;

create or replace view audit_log_rejects as
select coalesce(log_id, '') || '#' || record_key as audit_record_id,
    record_key as audit_record_key, reject_reason, log_id, logged_at, event_name, app_id,
    client_id, endpoint, user_uuid, identity_provider, changed_attributes, deactivate_account,
    batch_id, sso_session_id, failure_reason, ingested_at, logged_at_utc, source_file,
    processed_at
from records where reject_reason is not null;

create or replace table audit_log_reject_personal_data as
select record_key as audit_record_key, ip_address, user_agent
from records
where reject_reason is not null and coalesce(ip_address, user_agent) is not null;

-- 4. The load ledger: rows per file (Parquet row counts) and what became of the records.
create or replace table audit_log_loads as
with delivered as (
    select filename as source_file, count(*) as delivered_rows
    from read_parquet(getvariable('raw_files'), filename = true)
    group by filename
),
outcomes as (
    select source_file,
        count(event_type) as canonical_events,
        count(exclusion_reason) as excluded_records,
        count(reject_reason) as rejected_records
    from records group by source_file
)
select delivered.*, coalesce(canonical_events, 0) as canonical_events,
    coalesce(excluded_records, 0) as excluded_records,
    coalesce(rejected_records, 0) as rejected_records
from delivered left join outcomes using (source_file);

-- 5. The hourly marts (events per user first, then users per hour).
create or replace table events_hourly as
select event_hour, app_id, client_id, event_type,
    sum(event_count)::bigint as event_count, count(user_uuid) as user_count
from (
    select date_trunc('hour', occurred_at) as event_hour, app_id, client_id, event_type,
        user_uuid, count(*) as event_count
    from fct_events group by all
)
group by all;

create or replace view events_by_hour_of_day as
select cast(extract(hour from event_hour) as integer) as hour_of_day, event_type,
    sum(event_count)::bigint as event_count
from events_hourly group by all;

-- 6. Invariants 1-11 over everything, one query per grain, violations counted per invariant.
create or replace table invariant_violations as
with
events as not materialized (
    select record_key, logged_at_utc as occurred_at, event_type, creation_path, update_reason,
        endpoint, channel, changed_attributes, identity_provider, user_uuid, app_id, client_id,
        sso_session_id
    from records where event_type is not null
),
-- per event
row_level as (
    select
        count(*) filter (where user_uuid is null or occurred_at is null) as v1,
        count(*) filter (where event_type = 'entity_update' and endpoint = '/entity.replace') as v6,
        count(*) filter (where '|' || changed_attributes || '|' like '%|deactivateAccount|%'
            and not (event_type = 'entity_update'
                     and update_reason in ('deactivation', 'reactivation'))) as v7,
        count(*) filter (where (event_type in ('signin.social', 'signin.social_register')
                and identity_provider is null)
            or (event_type in ('signin.traditional', 'signin.traditional_register')
                and identity_provider is not null)) as v10,
        count(*) filter (where event_type in ('signin.traditional', 'signin.social')
            and endpoint in ('/widget/traditional_register.jsonp', '/widget/social_register.jsonp',
                             '/oauth/register_native_traditional', '/oauth/register_native')) as v4_endpoint,
        count(*) - count(distinct record_key) as v1_duplicates
    from events
),
-- per request: the records of one action (registration / creation, sign-in / login update)
roles as (
    select record_key, occurred_at,
        cast(hash(app_id, user_uuid, client_id, endpoint) >> 1 as bigint) as request_key,
        cast(hash(app_id, user_uuid, channel) >> 1 as bigint) as channel_key,
        case
            when event_type in ('signin.traditional_register', 'signin.social_register') then 1
            when event_type = 'entity_create' and creation_path = 'registration' then 2
            when event_type in ('signin.traditional', 'signin.social', 'signin.sso') then 3
            when event_type = 'entity_update' and update_reason = 'login' then 4
        end as pair_role,
        event_type
    from events
),
paired as (
    select subjects.record_key from roles subjects join roles partners
        on subjects.request_key = partners.request_key
        and partners.pair_role = case subjects.pair_role when 1 then 2 when 2 then 1 when 3 then 4 when 4 then 3 end
        and partners.occurred_at between subjects.occurred_at - getvariable('pairing_window')
                                     and subjects.occurred_at + getvariable('pairing_window')
),
unpaired as (
    select count(*) filter (where pair_role in (1, 2)) as v2, count(*) filter (where pair_role in (3, 4)) as v5
    from roles where pair_role is not null and record_key not in (select record_key from paired)
),
doubly_created as (
    select count(*) as v2 from (
        select registrations.record_key from roles registrations join roles creations
            on registrations.request_key = creations.request_key and creations.pair_role = 2
            and creations.occurred_at between registrations.occurred_at - getvariable('pairing_window')
                                          and registrations.occurred_at + getvariable('pairing_window')
        where registrations.pair_role = 1 group by 1 having count(*) > 1)
),
same_request as (
    select count(distinct sign_ins.record_key) as v4 from roles sign_ins join roles registrations
        on sign_ins.channel_key = registrations.channel_key and registrations.pair_role = 1
        and sign_ins.occurred_at between registrations.occurred_at
                                     and registrations.occurred_at + getvariable('pairing_window')
    where sign_ins.event_type in ('signin.traditional', 'signin.social')
),
-- per user
users as (
    select
        count(*) filter (where registrations > 0 and other_creation_path is not null) as v3,
        count(*) filter (where first_signed_in_at < last_registered_at) as v4_before,
        count(*) filter (where last_event_at > deleted_at) as v8
    from (
        select app_id, user_uuid,
            count(*) filter (where event_type in ('signin.traditional_register', 'signin.social_register')) as registrations,
            max(occurred_at) filter (where event_type in ('signin.traditional_register', 'signin.social_register')) as last_registered_at,
            min(occurred_at) filter (where event_type in ('signin.traditional', 'signin.social')) as first_signed_in_at,
            min(creation_path) filter (where event_type = 'entity_create' and creation_path <> 'registration') as other_creation_path,
            min(occurred_at) filter (where event_type = 'entity_delete') as deleted_at,
            max(occurred_at) as last_event_at
        from events group by app_id, user_uuid
    )
),
-- per SSO session
session_events as (
    select record_key, occurred_at, event_type = 'signin.sso' as is_sso,
        case when sso_session_id is not null then cast(hash(app_id, sso_session_id) >> 1 as bigint) end as session_key,
        case when client_id is not null then cast(hash(client_id) >> 1 as bigint) end as client_key
    from events
    where event_type in ('signin.sso', 'signin.traditional_register', 'signin.social_register',
                         'signin.traditional', 'signin.social')
),
openers as (
    select session_key, client_key, min(occurred_at) as first_at from session_events
    where not is_sso and session_key is not null and client_key is not null group by all
),
sso as (
    select count(*) as v9 from session_events s
    where is_sso and not exists (
        select 1 from openers o where o.session_key = s.session_key
            and o.client_key <> s.client_key and o.first_at < s.occurred_at)
),
-- per record: every distinct raw record placed exactly once
placed as (
    select count(*) as v11 from (
        select record_key, log_key, sum(delivered) as delivered, sum(placed) as placed
        from (
            select record_key, cast(hash(log_id) >> 1 as bigint) as log_key, 1 as delivered, 0 as placed
            from staged
            union all
            select record_key, cast(hash(log_id) >> 1 as bigint), 0, 1
            from records
        ) group by all
    ) where placed <> 1 or delivered = 0
)
select * from (values
    (1, (select v1 + v1_duplicates from row_level)),
    (2, (select v2 from unpaired) + (select v2 from doubly_created)),
    (3, (select v3 from users)),
    (4, (select v4_endpoint from row_level) + (select v4 from same_request) + (select v4_before from users)),
    (5, (select v5 from unpaired)),
    (6, (select v6 from row_level)),
    (7, (select v7 from row_level)),
    (8, (select v8 from users)),
    (9, (select v9 from sso)),
    (10, (select v10 from row_level)),
    (11, (select v11 from placed))
) as violations(invariant, violations);
