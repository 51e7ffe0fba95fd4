#!/usr/bin/env python3
"""Fact check of README.md and docs/*.md: every name they give must exist in the project.

    .venv/bin/python scripts/check_readme.py [--manifest target/manifest.json] [FILE.md ...]

Without FILE arguments it checks README.md and every docs/*.md. It exits 1 and prints
``file:line: what`` for each name that does not exist, 0 when everything checks out.

Where the facts come from (no database is needed):
- ``target/manifest.json`` (``dbt parse``): relations and their schemas, documented columns,
  sources, macros, tests, unit tests, metrics, semantic models, exposures, tags, node config
  keys, accepted values, and the string literals of the project's SQL and Jinja. Without a
  manifest the script runs ``dbt parse`` into a temporary folder;
- ``dbt_project.yml`` vars, and every ``var('...')`` the models, macros and tests read;
- ``profiles.yml`` keys and every ``env_var('...')``; environment variables the Makefile,
  scripts, bench and tests read or set;
- ``selectors.yml`` selector names; the ``Makefile``'s rules and variables;
- the files of the repository, and ``.gitignore`` for build output that need not exist;
- the seeds' headers (raw columns) and the demo log's app, client and provider values.

The convention, in inline code (`...`) outside code blocks:
- one bare name (snake_case or a single lower-case word) must be a relation, column, var,
  schema, macro, test, metric or other semantic-layer name, exposure, selector, tag, profile
  output or config key, a value the project's code quotes, a demo-log value, or be in
  ALLOWLIST below. ``entity__dimension`` is a MetricFlow group-by; ``<engine>__macro`` is an
  engine's version of a dispatched macro (``default__macro`` exists); a name ending in
  ``__`` is a macro prefix;
- ``schema.relation`` must be a relation in that schema; ``relation.column`` a documented
  column of that relation; ``dbt.name`` one of dbt's macros; ``source.table`` a source table;
- camelCase words are raw values and must be quoted somewhere in the project's code;
- UPPER_SNAKE names must be environment or make variables the project knows;
- paths (with a ``/`` or a file extension) must exist, unless ``.gitignore`` ignores them
  (build output); absolute paths and URLs are examples and are not checked;
- ``<placeholder>`` and ``*`` are wildcards that must match at least one known name;
- anything with a parenthesis (``hash()``) is an expression and is not checked as a name,
  and command-line flags (``--full-refresh``) are not checked.
In inline code and in code blocks alike: ``make target`` and ``make VAR=value``,
``--vars '{key: ...}'`` keys (must be vars), ``--select``/``--exclude`` arguments,
``--selector`` names, ``schema.relation`` names, ``UPPER_SNAKE=`` assignments and relative
paths. Inside ``mermaid`` blocks every snake_case name and path is checked too.
Everywhere: relative links and their ``#anchors`` must resolve, "DECISIONS N" must be an
entry of DECISIONS.md, and README.md's layout section must name every folder of the
repository (top level, and one level under models/, macros/ and tests/) as ``folder/``.
"""

from __future__ import annotations

import argparse
import csv
import fnmatch
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent

# Names the project cannot declare, each with its reason. Keep it short.
ALLOWLIST = {
    "metric_time": "MetricFlow's built-in time dimension; the project's YAML does not declare it",
    "warn": "dbt's other test severity, a value of invariant_severity (the default, error, is derived)",
}
# Make targets the docs may already name while another change adds them to the Makefile.
PLANNED_MAKE_TARGETS = {
    "check": "the fast inner loop (lint, DuckDB build, core tests), added by issue 13's Makefile rework",
}
# Folders whose subfolders README.md's layout must name, besides the top level.
LAYOUT_PARENTS = ("models", "macros", "tests")

FILE_EXTENSIONS = (
    "md", "yml", "yaml", "sql", "py", "sh", "csv", "gz", "json", "jsonl", "ndjson", "parquet",
    "duckdb", "png", "html", "txt", "in", "ini", "toml", "log", "msgpack",
)

SNAKE = re.compile(r"^[a-z_][a-z0-9_]*$")
CAMEL = re.compile(r"^[a-z]+[A-Z][A-Za-z0-9]*$")
UPPER_SNAKE = re.compile(r"^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$")
DOTTED = re.compile(r"^[a-z_<][a-z0-9_<>*]*(?:\.[a-z_<*][a-z0-9_<>*]*)+$")
PLACEHOLDER = re.compile(r"<[^<>]*>")
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*([\w+-]*)")
INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
LINK = re.compile(r"!?\[[^\]\n]*\]\(([^)\s]+)\)")
DECISION_REF = re.compile(r"DECISIONS(?:\.md)?,?\s+((?:entries\s+)?\d+(?:\s*(?:,|and|-|to)\s*\d+)*)")
MAKE_CALL = re.compile(r"(?<![\w$(./-])make\s+([^;&|#)\n]*)")
VARS_ARG = re.compile(r"--vars\s+(['\"])(.*?)\1")
SELECT_ARG = re.compile(r"(?:--select|--exclude|-s)\s+((?:[^\s-][^\s]*\s*)+)")
SELECTOR_ARG = re.compile(r"--selector\s+([\w-]+)")
WORD_SPLIT = re.compile(r"[\s'\"(),=\[\]{}`|]+")


@dataclass
class Finding:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


@dataclass
class Project:
    root: Path
    relations: dict[str, set[str]] = field(default_factory=dict)  # name -> schemas
    columns: dict[str, set[str]] = field(default_factory=dict)  # relation -> documented columns
    sources: set[str] = field(default_factory=set)  # "source.table"
    source_names: set[str] = field(default_factory=set)
    vars: set[str] = field(default_factory=set)
    macros: set[str] = field(default_factory=set)
    dbt_macros: set[str] = field(default_factory=set)
    tests: set[str] = field(default_factory=set)
    semantic: set[str] = field(default_factory=set)
    entities: set[str] = field(default_factory=set)
    dimensions: set[str] = field(default_factory=set)
    tags: set[str] = field(default_factory=set)
    selectors: set[str] = field(default_factory=set)
    values: set[str] = field(default_factory=set)
    config_keys: set[str] = field(default_factory=set)
    env_vars: set[str] = field(default_factory=set)
    make_targets: set[str] = field(default_factory=set)
    make_vars: set[str] = field(default_factory=set)
    ignore_patterns: list[str] = field(default_factory=list)
    decisions: set[str] = field(default_factory=set)  # entry numbers of DECISIONS.md

    @property
    def schemas(self) -> set[str]:
        return {schema for schemas in self.relations.values() for schema in schemas}

    @property
    def all_columns(self) -> set[str]:
        return {column for columns in self.columns.values() for column in columns}

    def names(self) -> set[str]:
        """Every name a bare token may be."""
        return (
            set(self.relations) | self.all_columns | self.vars | self.schemas | self.macros
            | self.tests | self.semantic | self.tags | self.selectors | self.values
            | self.config_keys | self.source_names
        )


# --------------------------------------------------------------------------
# Facts
# --------------------------------------------------------------------------

def dbt_parse(root: Path, target_path: Path) -> Path:
    """Runs ``dbt parse`` into ``target_path`` and returns the manifest it wrote."""
    dbt = Path(sys.executable).parent / "dbt"
    executable = str(dbt) if dbt.exists() else shutil.which("dbt")
    if not executable:
        sys.exit("check_readme: no target/manifest.json and no dbt to parse the project with")
    env = dict(os.environ)
    env.setdefault("DBT_PROFILES_DIR", str(root))
    env.setdefault("DBT_PROJECT_DIR", str(root))
    env.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "False")
    subprocess.run(
        [executable, "parse", "--quiet", "--project-dir", str(root), "--target-path",
         str(target_path), "--log-path", str(target_path)],
        check=True, cwd=root, env=env,
    )
    return target_path / "manifest.json"


def quoted_literals(code: str) -> set[str]:
    return {match for match in re.findall(r"'([^'\n]{1,100})'", code)}


def load_project(root: Path, manifest_path: Path) -> Project:
    project = Project(root=root)
    manifest = json.loads(manifest_path.read_text())
    package = manifest["metadata"].get("project_name") or "customer_insights"

    for node in manifest["nodes"].values():
        kind = node["resource_type"]
        if node.get("package_name") != package:
            continue
        project.tags.update(node.get("tags") or [])
        project.config_keys.update((node.get("config") or {}).keys())
        project.config_keys.update((node.get("unrendered_config") or {}).keys())
        if kind in ("model", "seed", "snapshot"):
            for name in {node["name"], node.get("alias") or node["name"]}:
                project.relations.setdefault(name, set()).add(node["schema"])
                project.columns.setdefault(name, set()).update(node.get("columns") or {})
        if kind == "test":
            project.tests.add(node["name"])
            metadata = node.get("test_metadata") or {}
            if metadata.get("name"):
                project.tests.add(metadata["name"])
            for value in (metadata.get("kwargs") or {}).get("values") or []:
                project.values.add(str(value))
        project.values.update(quoted_literals(node.get("raw_code") or ""))
    for source in manifest["sources"].values():
        project.sources.add(f"{source['source_name']}.{source['name']}")
        project.source_names.add(source["source_name"])
        project.relations.setdefault(source["name"], set()).add(source["schema"])
        project.columns.setdefault(source["name"], set()).update(source.get("columns") or {})
        project.config_keys.update((source.get("config") or {}).keys())
    for macro in manifest["macros"].values():
        if macro["package_name"] == package:
            project.macros.add(macro["name"])
            if macro["name"].startswith("test_"):
                project.tests.add(macro["name"][len("test_"):])
            project.values.update(quoted_literals(macro.get("macro_sql") or ""))
        elif macro["package_name"] == "dbt":
            project.dbt_macros.add(macro["name"])
    for unit_test in manifest.get("unit_tests", {}).values():
        project.tests.add(unit_test["name"])
    for kind in ("metrics", "exposures", "saved_queries", "semantic_models"):
        for item in manifest.get(kind, {}).values():
            project.semantic.add(item["name"])
    for model in manifest.get("semantic_models", {}).values():
        for entity in model.get("entities") or []:
            project.entities.add(entity["name"])
        for part in ("dimensions", "measures"):
            project.dimensions.update(item["name"] for item in model.get(part) or [])
    project.semantic |= project.entities | project.dimensions
    # dbt's resource kinds, the manifest's sections (`unit_tests:`, `exposures:` ...)
    project.config_keys.update(key for key in manifest if key != "metadata")

    # Seeds: their headers are the raw columns; the demo log's apps, clients, providers.
    for seed in (root / "seeds").glob("*.csv"):
        with seed.open(newline="") as handle:
            reader = csv.DictReader(handle)
            project.columns.setdefault(seed.stem, set()).update(reader.fieldnames or [])
            if seed.stem == "raw_audit_log":
                for row in reader:
                    for column in ("app_id", "client_id", "identity_provider"):
                        if row.get(column):
                            project.values.add(row[column].strip())

    dbt_project = yaml.safe_load((root / "dbt_project.yml").read_text())
    for name, default in (dbt_project.get("vars") or {}).items():
        project.vars.add(name)
        project.values.update(scalars(default))  # the vocabulary vars hold the platform's names
    for folder in ("models", "macros", "tests", "seeds", "snapshots"):
        for path in (root / folder).rglob("*") if (root / folder).is_dir() else []:
            if path.suffix in (".sql", ".yml", ".yaml", ".py", ".md") and path.is_file():
                text = path.read_text(errors="replace")
                project.vars.update(re.findall(r"\bvar\(\s*['\"](\w+)['\"]", text))
                project.env_vars.update(re.findall(r"\benv_var\(\s*['\"](\w+)['\"]", text))

    profiles_text = (root / "profiles.yml").read_text()
    project.env_vars.update(re.findall(r"\benv_var\(\s*['\"](\w+)['\"]", profiles_text))
    project.values.update(quoted_literals(profiles_text))  # e.g. the defaults of env_var()
    project.config_keys.update(yaml_keys(yaml.safe_load(profiles_text)))
    for folder in ("scripts", "bench", "tests"):
        for path in (root / folder).rglob("*"):
            if path.is_file() and path.suffix in (".py", ".sh"):
                text = path.read_text(errors="replace")
                project.env_vars.update(re.findall(r"os\.environ(?:\.get)?[\[(]\s*['\"](\w+)['\"]", text))
                project.env_vars.update(re.findall(r"\$\{?([A-Z][A-Z0-9_]+)", text))

    selectors = yaml.safe_load((root / "selectors.yml").read_text()) or {}
    project.selectors.update(item["name"] for item in selectors.get("selectors") or [])

    makefile = (root / "Makefile").read_text()
    project.make_targets.update(
        re.findall(r"^([a-z][\w.-]*)\s*:(?!=)", makefile, flags=re.MULTILINE)
    )
    for names in re.findall(r"^\.PHONY\s*:(.*(?:\\\n.*)*)", makefile, flags=re.MULTILINE):
        project.make_targets.update(name for name in names.replace("\\\n", " ").split())
    project.make_vars.update(
        re.findall(r"^\s*(?:export\s+)?([A-Z][A-Z0-9_]*)\s*[?:+!]?=", makefile, flags=re.MULTILINE)
    )
    project.env_vars |= project.make_vars

    decisions = root / "DECISIONS.md"
    if decisions.exists():
        project.decisions.update(
            re.findall(r"^(?:#+\s+)?(\d+)\.\s", decisions.read_text(), flags=re.MULTILINE)
        )

    gitignore = root / ".gitignore"
    if gitignore.exists():
        project.ignore_patterns = [
            line.strip() for line in gitignore.read_text().splitlines()
            if line.strip() and not line.startswith("#")
        ]
    return project


def scalars(data) -> set[str]:
    """Every non-empty key and scalar value in a YAML value, as text (booleans lower case)."""
    if isinstance(data, dict):
        return {str(key) for key in data} | {v for value in data.values() for v in scalars(value)}
    if isinstance(data, list):
        return {v for value in data for v in scalars(value)}
    if isinstance(data, bool):
        return {str(data).lower()}
    if isinstance(data, (str, int, float)) and data != "":
        return {str(data)}
    return set()


def yaml_keys(data) -> set[str]:
    keys: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            keys.add(str(key))
            keys |= yaml_keys(value)
    elif isinstance(data, list):
        for item in data:
            keys |= yaml_keys(item)
    return keys


# --------------------------------------------------------------------------
# Checks of single names
# --------------------------------------------------------------------------

def wildcard(token: str) -> re.Pattern | None:
    """A regex for a token with <placeholders> or *, or None when it has neither."""
    if "*" not in token and not PLACEHOLDER.search(token):
        return None
    pattern = re.escape(PLACEHOLDER.sub("\0", token)).replace(r"\*", ".*").replace("\0", ".+")
    return re.compile(f"^{pattern}$")


def matches_any(token: str, names: set[str]) -> bool:
    pattern = wildcard(token)
    if pattern is None:
        return token in names
    return any(pattern.match(name) for name in names)


class Checker:
    def __init__(self, project: Project):
        self.project = project
        self.names = project.names()

    # paths -----------------------------------------------------------------

    def is_ignored(self, relative: str) -> bool:
        parts = [part for part in relative.split("/") if part]
        for pattern in self.project.ignore_patterns:
            anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
            bare = pattern.strip("/")
            if anchored:
                if fnmatch.fnmatch("/".join(parts[: bare.count("/") + 1]), bare):
                    return True
            elif any(fnmatch.fnmatch(part, bare) for part in parts):
                return True
        return False

    def check_path(self, token: str) -> str | None:
        """None when the path exists or is build output, else the complaint."""
        token = token.rstrip(".,:;")
        if token.startswith("/") or "://" in token or "$" in token or "~" in token:
            return None
        relative = token[2:] if token.startswith("./") else token
        if not relative or relative in (".", ".."):
            return None
        pattern = PLACEHOLDER.sub("*", relative)
        if any(char in pattern for char in "*?["):
            found = any(self.project.root.glob(pattern.rstrip("/")))
        else:
            found = (self.project.root / relative).exists()
        if found or self.is_ignored(relative):
            return None
        if relative in self.project.values:  # e.g. an extension the readers test for
            return None
        return f"no such file or folder `{token}`"

    # names -----------------------------------------------------------------

    def check_dotted(self, token: str) -> str | None:
        project = self.project
        if token in project.values:  # event types such as signin.sso
            return None
        first, _, rest = token.partition(".")
        if rest.rsplit(".", 1)[-1] in FILE_EXTENSIONS or first == "":
            return self.check_path(token)
        if first in project.schemas:
            in_schema = {name for name, schemas in project.relations.items() if first in schemas}
            if not matches_any(rest, in_schema):
                return f"unknown relation `{token}` (schema {first} has no relation {rest})"
            return None
        if first in project.columns and first not in project.source_names:
            if not matches_any(rest, project.columns[first]):
                return f"unknown column `{token}` ({first} documents no column {rest})"
            return None
        if first == "dbt":
            return None if rest in project.dbt_macros else f"unknown dbt macro `{token}`"
        if first in project.source_names:
            return None if token in project.sources else f"unknown source table `{token}`"
        return f"unknown name `{token}` (not schema.relation, relation.column or a value)"

    def check_name(self, token: str) -> str | None:
        project = self.project
        if token in ALLOWLIST or not re.search(r"[a-z0-9]", PLACEHOLDER.sub("", token)):
            return None  # allowed, or a pure pattern such as <schema>.<relation>
        if "." in token:
            return self.check_dotted(token)
        if token.endswith("__") and "*" not in token:
            prefix_ok = any(name.startswith(token) for name in project.macros)
            return None if prefix_ok else f"no macro starts with `{token}`"
        if matches_any(token, self.names):
            return None
        if "__" in token:
            head, _, tail = token.partition("__")
            if head in project.entities and tail in project.dimensions:
                return None  # a MetricFlow group-by: entity__dimension
            if tail and f"default__{tail}" in project.macros:
                return None  # an engine's version of a dispatched macro
        return f"unknown name `{token}` (no relation, column, var, macro, test or value of that name)"

    def check_env_var(self, name: str) -> str | None:
        known = self.project.env_vars | self.project.make_vars
        return None if matches_any(name, known) else f"unknown environment or make variable `{name}`"

    # commands --------------------------------------------------------------

    def check_commands(self, text: str) -> list[str]:
        """make calls, --vars keys, --select/--selector arguments, schema.relation, paths."""
        problems: list[str] = []
        for match in MAKE_CALL.finditer(text):
            # The first word that is neither an option nor VAR=value is the target; later
            # words are more targets only if they are targets (else prose: "make help lists").
            has_target = False
            for word in match.group(1).split():
                word = word.rstrip(":,;.")
                if word.startswith("-"):
                    continue
                if "=" in word:
                    name = word.split("=", 1)[0]
                    if not matches_any(name, self.project.make_vars):
                        problems.append(f"unknown make variable `{name}` in `make ... {word}`")
                    continue
                known = matches_any(word, self.project.make_targets) or word in PLANNED_MAKE_TARGETS
                if has_target and not known:
                    break
                if not known:
                    problems.append(f"unknown make target `make {word}`")
                has_target = True
        for match in VARS_ARG.finditer(text):
            problems += self.check_vars_mapping(match.group(2))
        for match in SELECTOR_ARG.finditer(text):
            if not matches_any(match.group(1), self.project.selectors):
                problems.append(f"unknown selector `--selector {match.group(1)}`")
        for match in SELECT_ARG.finditer(text):
            for word in match.group(1).split():
                if word.startswith("#"):
                    break
                problems += self.check_selection(word)
        for word in WORD_SPLIT.split(text):
            if "=" in word:
                continue
            if "/" in word and re.search(r"\w", word) and not word.startswith("<"):
                problem = self.check_path(word)
                if problem:
                    problems.append(problem)
        for match in re.finditer(r"(?<![\w.$/-])([a-z_]+)\.([a-z_<*][a-z0-9_<>*]*)(?![\w.*<>/])", text):
            if match.group(1) in self.project.schemas:
                problem = self.check_dotted(match.group(0))
                if problem:
                    problems.append(problem)
        for match in re.finditer(r"(?<![\w$.-])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)=", text):
            problem = self.check_env_var(match.group(1))
            if problem:
                problems.append(problem)
        return problems

    def check_vars_mapping(self, text: str) -> list[str]:
        try:
            mapping = yaml.safe_load(text)
        except yaml.YAMLError:
            mapping = None
        if isinstance(mapping, dict):
            keys = [str(key) for key in mapping]
        else:
            keys = re.findall(r"[{,]\s*([A-Za-z_]\w*)\s*:", text)
        return [
            f"unknown var `{key}` in --vars"
            for key in keys
            if SNAKE.match(key) and key not in self.project.vars
        ]

    def check_selection(self, word: str) -> list[str]:
        word = word.strip("+@").split(",")[0]
        word = re.sub(r"^\d+\+|\+\d+$", "", word)
        method, _, value = word.rpartition(":")
        if method == "tag":
            return [] if matches_any(value, self.project.tags) else [f"unknown tag `{word}`"]
        if method == "path":
            problem = self.check_path(value)
            return [problem] if problem else []
        if method:
            return []
        nodes = set(self.project.relations) | self.project.tests | self.project.semantic
        return [] if matches_any(value, nodes) else [f"unknown node `{word}` in a selection"]

    # one inline code span --------------------------------------------------

    def check_span(self, span: str) -> list[str]:
        span = span.strip()
        if not span or span.startswith("-") and " " not in span:
            return []
        if re.search(r"\s", span):
            return self.check_commands(span)
        if "(" in span or ")" in span:
            return []
        if span.startswith("tag:"):
            return self.check_selection(span)
        token = span.rstrip(":,;")
        if UPPER_SNAKE.match(token):
            problem = self.check_env_var(token)
            return [problem] if problem else []
        if "=" in token and UPPER_SNAKE.match(token.split("=", 1)[0]):
            return self.check_commands(token)
        if "/" in token or re.search(r"\.(%s)$" % "|".join(FILE_EXTENSIONS), token):
            problem = self.check_path(token)
            return [problem] if problem else []
        if DOTTED.match(token) or SNAKE.match(token.replace("*", "").replace("<", "").replace(">", "")):
            problem = self.check_name(token)
            return [problem] if problem else []
        if CAMEL.match(token):
            return [] if token in self.project.values else [f"unknown raw value `{token}`"]
        return []

    def check_mermaid(self, text: str) -> list[str]:
        text = re.sub(r"<br\s*/?>", " ", text)
        problems = self.check_commands(text)
        for word in re.findall(r"[\w.*<>/-]+", text):
            word = word.strip(".-")
            if "/" in word or "_" not in word:
                continue
            problem = self.check_name(word)
            if problem:
                problems.append(problem)
        return problems


# --------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------

def github_anchor(heading: str) -> str:
    text = re.sub(r"`|\*\*|\*|_(?=\W)|\[|\]\([^)]*\)", "", heading.strip().lower())
    text = re.sub(r"[^\w\- ]", "", text)
    return text.replace(" ", "-")


def anchors_of(path: Path) -> set[str]:
    anchors: set[str] = set()
    seen: dict[str, int] = {}
    in_fence = False
    for line in path.read_text().splitlines():
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        match = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
        if match and not in_fence:
            anchor = github_anchor(match.group(1))
            count = seen.get(anchor, 0)
            anchors.add(anchor if count == 0 else f"{anchor}-{count}")
            seen[anchor] = count + 1
    return anchors


def check_markdown(path: Path, checker: Checker, shown: str) -> list[Finding]:
    project = checker.project
    findings: list[Finding] = []
    lines = path.read_text().splitlines()
    try:
        path.resolve().relative_to(project.root)
        base = path.resolve().parent
    except ValueError:  # a file outside the repository is read as if it were at its root
        base = project.root

    fence: tuple[str, str, int] | None = None  # (marker, info, first line)
    block: list[str] = []
    for number, line in enumerate(lines, start=1):
        opening = FENCE.match(line)
        if fence is None and opening:
            fence = (opening.group(2), opening.group(3).lower(), number)
            block = []
            continue
        if fence is not None:
            if line.strip().startswith(fence[0]) and line.strip().strip(fence[0][0]) == "":
                check_block(fence[1], fence[2], block, checker, shown, findings)
                fence = None
            else:
                block.append(line)
            continue
        for span in INLINE_CODE.findall(line):
            for problem in checker.check_span(span.replace("\\|", "|")):
                findings.append(Finding(shown, number, problem))
        prose = INLINE_CODE.sub("", line)
        for target in LINK.findall(prose):
            problem = check_link(target, base, path)
            if problem:
                findings.append(Finding(shown, number, problem))
        for reference in DECISION_REF.finditer(prose):
            for entry in re.findall(r"\d+", reference.group(1)):
                if entry not in project.decisions:
                    findings.append(Finding(shown, number, f"no entry {entry} in DECISIONS.md"))

    if path.name == "README.md":
        findings += check_layout(lines, project.root, shown)
    return findings


def check_layout(lines: list[str], root: Path, shown: str) -> list[Finding]:
    """README.md has a section about the layout, and it names every folder as `folder/`."""
    start = next((number for number, line in enumerate(lines)
                  if re.match(r"^#{1,6}\s.*\blayout\b", line, flags=re.IGNORECASE)), None)
    if start is None:
        return [Finding(shown, 0, "no section about the repository layout (a heading with 'layout')")]
    level = len(lines[start]) - len(lines[start].lstrip("#"))
    end = next((number for number in range(start + 1, len(lines))
                if re.match(r"^#{1,%d}\s" % level, lines[number])), len(lines))
    section = "\n".join(lines[start:end])
    return [
        Finding(shown, start + 1, f"the layout section does not name the folder `{folder}/`")
        for folder in layout_folders(root)
        if not re.search(r"(?<![\w./-])%s/" % re.escape(folder), section)
    ]


def check_block(info: str, first: int, block: list[str], checker: Checker, shown: str,
                findings: list[Finding]) -> None:
    shell = info in ("bash", "sh", "shell", "console")
    for offset, line in enumerate(block, start=1):
        if info == "mermaid":
            problems = checker.check_mermaid(line)
        elif shell and " #" in line:
            # A shell comment is prose, but a make call in it is still a make call.
            code, comment = line.split(" #", 1)
            problems = checker.check_commands(code)
            problems += [p for p in checker.check_commands(comment) if "make" in p]
        else:
            problems = checker.check_commands(line)
        for problem in dict.fromkeys(problems):
            findings.append(Finding(shown, first + offset, problem))


def check_link(target: str, base: Path, source: Path) -> str | None:
    if re.match(r"^[a-z][a-z0-9+.-]*:", target):  # http:, https:, mailto:
        return None
    file_part, _, anchor = target.partition("#")
    linked = (base / file_part).resolve() if file_part else source.resolve()
    if not linked.exists():
        return f"broken link `{target}` (no such file)"
    if anchor and linked.suffix == ".md" and anchor not in anchors_of(linked):
        return f"broken link `{target}` (no heading #{anchor} in {linked.name})"
    return None


def layout_folders(root: Path) -> list[str]:
    try:
        listed = subprocess.run(
            ["git", "ls-files"], cwd=root, check=True, capture_output=True, text=True
        ).stdout.splitlines()
    except (OSError, subprocess.CalledProcessError):
        listed = [str(path.relative_to(root)) for path in root.rglob("*") if path.is_file()]
    folders: set[str] = set()
    for name in listed:
        parts = name.split("/")
        if len(parts) > 1:
            folders.add(parts[0])
        if len(parts) > 2 and parts[0] in LAYOUT_PARENTS:
            folders.add(f"{parts[0]}/{parts[1]}")
    return sorted(folders)


# --------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("files", nargs="*", type=Path,
                        help="markdown files (default: README.md and docs/*.md)")
    parser.add_argument("--root", type=Path, default=REPO, help="the dbt project (default: this repository)")
    parser.add_argument("--manifest", type=Path,
                        help="manifest.json of `dbt parse` (default: ROOT/target/manifest.json, "
                             "parsed into a temporary folder when missing)")
    args = parser.parse_args(argv)
    root = args.root.resolve()

    with tempfile.TemporaryDirectory(prefix="check_readme_") as scratch:
        manifest = args.manifest or root / "target" / "manifest.json"
        if not manifest.exists():
            if args.manifest:
                parser.error(f"no manifest at {manifest}")
            manifest = dbt_parse(root, Path(scratch))
        project = load_project(root, manifest)

    checker = Checker(project)
    files = args.files or [root / "README.md", *sorted((root / "docs").glob("*.md"))]
    findings: list[Finding] = []
    for path in files:
        try:
            shown = str(path.resolve().relative_to(root))
        except ValueError:
            shown = str(path)
        findings += check_markdown(path, checker, shown)
    for finding in findings:
        print(finding)
    if findings:
        print(f"check_readme: {len(findings)} name(s) that do not exist", file=sys.stderr)
        return 1
    print(f"check_readme: {len(files)} file(s) checked, every name exists")
    return 0


if __name__ == "__main__":
    sys.exit(main())
