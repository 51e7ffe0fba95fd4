{#-
    Fails with every value, in any text column of `model`, that looks like an
    IP address (IPv4 dotted quad, or IPv6 in full or `::` form) or an e-mail
    address: the personal data that must not reach a mart. One row per hit:
    column, kind and the offending value.

    Every text column is scanned, so a column added later is covered without
    touching the test. On incremental runs a model fed in batches is scanned
    in its newest batch only, like every generic test of its folder
    (`incremental_scope: latest_batch`, overrides/get_where_subquery.sql);
    other models are scanned whole.
-#}
{% test no_personal_data(model) %}
    {{ return(adapter.dispatch('test_no_personal_data', 'customer_insights')(model)) }}
{% endtest %}

{% macro _personal_data_patterns() -%}
    {%- set octet = '(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])' -%}
    {%- set hex = '[0-9a-f]{1,4}' -%}
    {{ return({
        'ipv4_address': '(^|[^0-9.])' ~ octet ~ '([.]' ~ octet ~ '){3}($|[^0-9.])',
        'ipv6_address': '(^|[^0-9a-z:])((' ~ hex ~ ':){7}' ~ hex ~ '|(' ~ hex ~ ':){1,6}:(' ~ hex
            ~ ')?(:' ~ hex ~ '){0,5}|::' ~ hex ~ '(:' ~ hex ~ '){0,6})($|[^0-9a-z:])',
        'email_address': '[a-z0-9._%+-]+@[a-z0-9-]+([.][a-z0-9-]+)*[.][a-z]{2,}',
    }) }}
{%- endmacro %}

{#-
    The relation under test: `model` itself, or the model's table when
    get_where_subquery narrowed it to a subquery (its columns are listed).
-#}
{% macro _tested_relation(model_or_subquery) -%}
    {%- if model_or_subquery is not string -%}
        {{ return(model_or_subquery) }}
    {%- endif -%}
    {%- set tested = graph.nodes[model.attached_node] -%}
    {{ return(api.Relation.create(
        database=tested.database, schema=tested.schema, identifier=tested.alias
    )) }}
{%- endmacro %}

{% macro default__test_no_personal_data(model) %}
    {%- set text_columns = [] -%}
    {%- if execute -%}
        {%- for column in adapter.get_columns_in_relation(_tested_relation(model)) -%}
            {%- if is_text_column(column) -%}
                {%- do text_columns.append(column.name) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if not text_columns %}
    select
        cast(null as {{ dbt.type_string() }}) as column_name,
        cast(null as {{ dbt.type_string() }}) as personal_data_kind,
        cast(null as {{ dbt.type_string() }}) as offending_value
    where 1 = 0
    {%- else %}
    {%- set patterns = _personal_data_patterns() -%}
    {%- set any_pattern = patterns.values() | join('|') -%}
    with

    scanned as (
        select * from {{ model }}
    ),

    -- One pass over the rows. Each pattern needs characters most values lack
    -- (three dots, two colons, an at sign), so a LIKE finds the few values
    -- that could match, and only those meet the combined pattern; only the
    -- (normally no) rows that hit are looked at column by column.
    hits as (
        select
            {%- for column in text_columns %}
            lower({{ adapter.quote(column) }}) as hit_{{ loop.index }}{{ ',' if not loop.last }}
            {%- endfor %}
        from scanned
        where
            {%- for column in text_columns %}
            {%- set value = adapter.quote(column) %}
            (
                ({{ value }} like '%.%.%.%' or {{ value }} like '%:%:%' or {{ value }} like '%@%.%')
                and {{ regex_search('lower(' ~ value ~ ')', any_pattern) }}
            ){{ ' or' if not loop.last }}
            {%- endfor %}
    ),

    values_hit as (
        {%- for column in text_columns %}
        select
            '{{ column }}' as column_name,
            hit_{{ loop.index }} as offending_value
        from hits
        where {{ regex_search('hit_' ~ loop.index, any_pattern) }}
        {{ 'union all' if not loop.last }}
        {%- endfor %}
    )

    select
        column_name,
        case
            {%- for kind, pattern in patterns.items() %}
            when {{ regex_search('offending_value', pattern) }} then '{{ kind }}'
            {%- endfor %}
        end as personal_data_kind,
        offending_value
    from values_hit
    {%- endif %}
{% endmacro %}

{#- True for a text column (dbt's Column.is_string() does not know Spark's `string`). -#}
{% macro is_text_column(column) -%}
    {{ return(adapter.dispatch('is_text_column', 'customer_insights')(column)) }}
{%- endmacro %}

{% macro default__is_text_column(column) -%}
    {{ return(column.is_string()) }}
{%- endmacro %}

{% macro spark__is_text_column(column) -%}
    {{ return(column.is_string() or (column.dtype | lower) == 'string') }}
{%- endmacro %}
