{#-
    dbt-spark's own dateadd goes through to_unix_timestamp for hours, minutes
    and seconds, which drops the microseconds (a record 299.5 s late would
    compare as 299 s late) and raises an error on a null timestamp (the
    reject rules compare with unparseable, i.e. null, ingestion times).
    timestampadd keeps microseconds and passes nulls through, like DuckDB's
    `+ interval`. Overrides dbt.dateadd on Spark (the root project's
    spark__dateadd comes before the adapter's in dbt's dispatch).
-#}
{% macro spark__dateadd(datepart, interval, from_date_or_timestamp) -%}
    timestampadd({{ datepart | upper }}, {{ interval }}, {{ from_date_or_timestamp }})
{%- endmacro %}
