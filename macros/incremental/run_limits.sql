{#-
    The row(s) of the run_limits model, read back as Jinja values for a model
    or test of this run to splice in as literals:

    - `files`, `columns`, `uniform`: the raw Janrain files this run reads,
      the contract columns they have (name -> spelling), and whether every
      file has the same ones;
    - `vendor_files`: the Auth0 and Keycloak files this run reads, by source;
    - `has_new`: whether the run read anything at all;
    - `first_load`: whether these are the first files the target loads (a
      first build or a full refresh);
    - `processed_at`: the batch stamp of the run that worked out these limits
      (SQL literal): this run, or, for a `dbt test` after a build, that build;
    - `min_logged_at`, `max_logged_at`: the logged_at span of the new
      records (SQL literals; none when no record has a parseable one);
    - `previously_judged_until`, `judged_until`: the band of occurred_at that
      the pairing invariants judge in this run (SQL literals; the first is
      none on a first build, when everything up to `judged_until` is judged).
-#}
{% macro run_limits(unreferenced=false) -%}
    {#- A generic test's where-filter cannot declare a ref (it is rendered after
        parsing), so there the relation is looked up in the graph. -#}
    {%- set relation = _graph_model_relation('run_limits') if unreferenced else ref('run_limits') -%}
    {%- set limits = {
        'files': [], 'vendor_files': {}, 'columns': {}, 'uniform': false, 'has_new': false, 'first_load': false,
        'processed_at': current_processed_at(),
        'min_logged_at': none, 'max_logged_at': none,
        'previously_judged_until': none, 'judged_until': none,
    } -%}
    {%- if not execute or load_relation(relation) is none -%}
        {{ return(limits) }}
    {%- endif -%}
    {%- set rows = run_query(
        'select source_file, raw_columns, min_logged_at, max_logged_at,'
        ~ ' previously_judged_until, judged_until, previously_loaded_files, processed_at,'
        ~ ' raw_columns_uniform, source_system from '
        ~ relation ~ ' order by source_file'
    ).rows -%}
    {%- if rows | length == 0 -%}
        {{ return(limits) }}
    {%- endif -%}
    {%- set columns = {} -%}
    {%- for name in (rows[0][1] or '').split(',') if name %}{% do columns.update({name: name}) %}{% endfor -%}
    {%- set starts = rows | map(attribute=2) | reject('none') | list -%}
    {%- set ends = rows | map(attribute=3) | reject('none') | list -%}
    {%- set vendor_files = {} -%}
    {%- for row in rows if row[9] != 'janrain' -%}
        {%- do vendor_files.setdefault(row[9], []).append(row[0]) -%}
    {%- endfor -%}
    {%- do limits.update({
        'files': rows | selectattr(9, 'equalto', 'janrain') | map(attribute=0) | list,
        'vendor_files': vendor_files,
        'columns': columns,
        'uniform': rows[0][8],
        'has_new': true,
        'first_load': rows[0][6] == 0,
        'processed_at': _timestamp_literal(rows[0][7]),
        'min_logged_at': _timestamp_literal(starts | min) if starts else none,
        'max_logged_at': _timestamp_literal(ends | max) if ends else none,
        'previously_judged_until': _timestamp_literal(rows[0][4]),
        'judged_until': _timestamp_literal(rows[0][5]),
    }) -%}
    {{ return(limits) }}
{%- endmacro %}

{#- A Python datetime (or none) as a SQL timestamp literal (or none). -#}
{% macro _timestamp_literal(value) -%}
    {%- if value is none -%}
        {{ return(none) }}
    {%- endif -%}
    {{ return("cast('" ~ value ~ "' as " ~ dbt.type_timestamp() ~ ")") }}
{%- endmacro %}

{#- The relation of model `name` of this project, from the graph (no ref). Named
    by package, so that it also works when the project is installed as a package. -#}
{% macro _graph_model_relation(name) -%}
    {%- set node = graph.nodes.get('model.customer_insights.' ~ name) -%}
    {{ return(api.Relation.create(
        database=node.database, schema=node.schema, identifier=node.alias
    )) }}
{%- endmacro %}
