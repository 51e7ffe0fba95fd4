{#-
    Raw text as the project reads it: surrounding whitespace (spaces, tabs,
    line breaks, vertical tab, form feed) is not significant, and an empty
    value is null whatever the file format (CSV gives empty strings or nulls,
    JSON may give ""). Whitespace inside a value is kept as delivered.
-#}
{% macro clean_text(expression) -%}
    {{ return(adapter.dispatch('clean_text', 'customer_insights')(expression)) }}
{%- endmacro %}

{#- The six whitespace characters, as a SQL expression (chr() exists on most engines). -#}
{% macro _whitespace_characters() -%}
    chr(32) || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)
{%- endmacro %}

{% macro default__clean_text(expression) -%}
    nullif(trim(both {{ _whitespace_characters() }} from cast({{ expression }} as {{ dbt.type_string() }})), '')
{%- endmacro %}

{#-
    DuckDB: whitespace here also covers Unicode space separators (no-break
    space, ideographic space, ...), which DuckDB's plain trim() strips too.
    Only a value whose first or last character is not printable ASCII can
    start or end with whitespace: two code-point comparisons find those few,
    and only they go through the pattern (a regular expression on every
    value cost three times the whole read of the file).
-#}
{% macro duckdb__clean_text(expression) -%}
    {%- set text = 'cast(' ~ expression ~ ' as ' ~ dbt.type_string() ~ ')' -%}
    {%- set space = '[\\s\\pZ\\x{0B}]' -%}
    nullif(
        case
            when ord({{ text }}) not between 33 and 126 or ord({{ text }}[-1]) not between 33 and 126
                then regexp_replace({{ text }}, '^{{ space }}+|{{ space }}+$', '', 'g')
            else {{ text }}
        end,
        ''
    )
{%- endmacro %}

{#-
    Spark: the same as DuckDB's (Unicode space separators too), in Java's
    regex dialect. `\z` rather than `$`: Java's `$` also matches before a
    final line terminator such as U+0085, RE2's (DuckDB) does not.
-#}
{% macro spark__clean_text(expression) -%}
    {%- set text = 'cast(' ~ expression ~ ' as ' ~ dbt.type_string() ~ ')' -%}
    {%- set space = '[\\\\s\\\\pZ\\\\x{0B}]' -%}
    nullif(regexp_replace({{ text }}, '^{{ space }}+|{{ space }}+\\z', ''), '')
{%- endmacro %}

{#-
    PostgreSQL: the same as DuckDB's, in PostgreSQL's regex dialect, with the
    Unicode space separators (\pZ) spelled out: `\s` there depends on the
    database's locale.
-#}
{% macro postgres__clean_text(expression) -%}
    {%- set text = 'cast(' ~ expression ~ ' as ' ~ dbt.type_string() ~ ')' -%}
    {%- set space = '[\\s\\u000b\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]' -%}
    nullif(
        case
            when {{ text }} ~ '^{{ space }}|{{ space }}$'
                then regexp_replace({{ text }}, '^{{ space }}+|{{ space }}+$', '', 'g')
            else {{ text }}
        end,
        ''
    )
{%- endmacro %}
