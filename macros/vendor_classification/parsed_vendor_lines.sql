{#-
    The first step of every vendor staging: the records of `raw_records`
    (read_vendor_records) with their text cleaned (blank lines dropped) and
    parsed as JSON into `json_alias` (null when the text is not JSON: such a
    record is rejected later, not lost).
-#}
{% macro parsed_vendor_lines(raw_records, json_alias) -%}
    select
        source_file,
        line_number,
        raw_text,
        {{ json_parse('raw_text') }} as {{ json_alias }}
    from (
        select
            raw_files.source_file,
            raw_files.line_number,
            {{ clean_text('raw_files.raw_record') }} as raw_text
        from {{ raw_records }} as raw_files
    ) as lines
    where raw_text is not null
{%- endmacro %}
