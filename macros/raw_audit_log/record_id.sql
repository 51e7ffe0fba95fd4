{#-
    The readable id of a distinct raw record, for people and for the
    interface: its log_id and its record key, `<log_id>#<record_key>`
    (`#<record_key>` when the record has no log_id). The same record always
    gets the same id, and re-deliveries cannot create a second one. Joins and
    tests use the numeric key itself.
-#}
{% macro record_id(log_id, key) -%}
    {{ dbt.concat([
        "coalesce(" ~ log_id ~ ", '')",
        "'#'",
        "cast(" ~ key ~ " as " ~ dbt.type_string() ~ ")",
    ]) }}
{%- endmacro %}
