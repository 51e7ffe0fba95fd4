{#-
    The sources of this build (contract `sources.md` section 1), as a dict
    source system -> path or glob of its files ('' for that source's demo
    log, a seed). `raw_sources` (a mapping) names several sources at once and
    replaces the pair `source_system` + `raw_audit_log_path`, which names one.
    A source system other than janrain, auth0 or keycloak stops the build with
    an error (the on-run-start hook calls this before any model runs).
-#}
{% macro raw_sources() -%}
    {%- set several = var('raw_sources', {}) or {} -%}
    {%- if several is string -%}
        {{ exceptions.raise_compiler_error(
            "raw_sources must be a mapping of source system to path, e.g. "
            ~ "{janrain: 'exports/janrain/*.parquet', auth0: 'exports/auth0/*.jsonl'}; got '" ~ several ~ "'"
        ) }}
    {%- endif -%}
    {%- set sources = {} -%}
    {%- if several -%}
        {%- for source, path in several.items() -%}
            {%- do sources.update({source | string: (path or '') | string}) -%}
        {%- endfor -%}
    {%- else -%}
        {%- do sources.update({
            (var('source_system', 'janrain') or '') | string: (var('raw_audit_log_path', '') or '') | string
        }) -%}
    {%- endif -%}
    {%- for source in sources if source not in source_systems() -%}
        {{ exceptions.raise_compiler_error(
            "Unknown source system '" ~ source ~ "' (var source_system or a key of raw_sources): "
            ~ "it must be one of " ~ (source_systems() | join(', ')) ~ "."
        ) }}
    {%- endfor -%}
    {{ return(sources) }}
{%- endmacro %}

{#- The source systems the project reads, in the order their events are listed. -#}
{% macro source_systems() -%}
    {{ return(['janrain', 'auth0', 'keycloak']) }}
{%- endmacro %}

{#-
    The path of `source`'s files in this build: '' for its demo log (a seed),
    none when the build does not read that source.
-#}
{% macro raw_source_path(source) -%}
    {{ return(raw_sources().get(source)) }}
{%- endmacro %}

{#- Whether the build reads the demo log (seed) of `source`. -#}
{% macro reads_demo_log(source) -%}
    {{ return(raw_source_path(source) == '') }}
{%- endmacro %}

{#- The vendor sources (not Janrain) this build reads. -#}
{% macro vendor_sources() -%}
    {{ return(raw_sources().keys() | reject('equalto', 'janrain') | sort | list) }}
{%- endmacro %}
