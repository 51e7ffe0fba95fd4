{#-
    `select <dimensions>, sum(<count_column>) as <count_name> from <relation>
    group by <dimensions>`: a dashboard mart that re-aggregates a finer-grained
    base (events_daily) to the dimensions it shows. The sum is a bigint.
-#}
{% macro rollup_counts(relation, dimensions, count_name, count_column='event_count') -%}
    select
        {%- for dimension in dimensions %}
        {{ dimension }},
        {%- endfor %}
        cast(sum({{ count_column }}) as {{ dbt.type_bigint() }}) as {{ count_name }}
    from {{ relation }}
    group by {{ dimensions | join(', ') }}
{%- endmacro %}

{#-
    The three measures of the Event summary dashboard, from a relation with
    `event_type` and `event_count` (events_hourly, events_daily), to sit in a
    select list grouped by the dashboard's grain.
-#}
{% macro event_summary_measures() -%}
    {{ sum_event_count_where('event_type in ' ~ event_types_of('registrations')) }}
        as registrations,
    {{ sum_event_count_where('event_type in ' ~ event_types_of('sign_ins')) }}
        as sign_ins,
    {{ sum_event_count_where('event_type in ' ~ event_types_of('sso_sign_ins')) }}
        as sso_sign_ins
{%- endmacro %}

{#-
    The breakdown of the Event details dashboard's registration and sign-in
    marts: per day, app and client, by method, identity provider and channel.
-#}
{% macro sign_in_method_dimensions() -%}
    {{ return([
        'event_date', 'app_id', 'client_id', 'sign_in_method', 'identity_provider', 'channel',
        'reporting_time_zone',
    ]) }}
{%- endmacro %}
