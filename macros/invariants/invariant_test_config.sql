{#-
    Configuration shared by the invariant tests (tests/invariants): the
    invariant's number in `meta`, and severity and threshold from vars.
    `invariant_severity` (error | warn) applies to all of them unless
    `invariant_severity_overrides` names the invariant, e.g. {9: warn}; a test
    fails when more than `invariant_error_threshold` rows violate its rule.
-#}
{% macro invariant_test_config(number) -%}
    {%- set overrides = var('invariant_severity_overrides', {}) or {} -%}
    {%- set severity = overrides.get(number, overrides.get(number | string, var('invariant_severity', 'error'))) -%}
    {{ return({
        'meta': {'invariant': number},
        'severity': severity,
        'error_if': '>' ~ var('invariant_error_threshold', 0),
        'warn_if': '>' ~ var('invariant_error_threshold', 0) if severity == 'error' else '>0',
    }) }}
{%- endmacro %}
