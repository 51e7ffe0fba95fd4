"""Import dbt once, then fork one child per dbt invocation.

Importing dbt-core and the DuckDB adapter costs about 2 s of CPU, a third of
a small ``dbt build``. The suite runs some forty of them, so each pytest
worker starts this helper once: it imports dbt, then reads one JSON request a
line from stdin (``args``, ``cwd``, ``stdout``, ``stderr``, ``timeout``),
forks, and the child runs the dbt command line exactly as the ``dbt`` script
does (``sys.exit(cli())``) in the requested directory, with its output going
to the requested files. The reply is one JSON line with the return code.

The helper is single-threaded, so forking it is safe; it says so on start-up
(``{"ready": true, "threads": 1}``) and the harness falls back to plain
subprocesses otherwise.
"""

from __future__ import annotations

import importlib
import json
import os
import signal
import sys
import threading
import traceback

PRELOAD = [
    "dbt.cli.main",
    "dbt.task.build",
    "dbt.task.test",
    "dbt.task.run",
    "dbt.task.seed",
    "dbt.parser.manifest",
    "dbt.compilation",
    "dbt.adapters.duckdb",
    "dbt.adapters.duckdb.impl",
    "dbt.adapters.duckdb.connections",
    "agate",
    "duckdb",
]


def run_child(request: dict) -> int:
    code = 1
    try:
        os.chdir(request["cwd"])
        stdin = os.open(os.devnull, os.O_RDONLY)
        os.dup2(stdin, 0)
        for fd, path in ((1, request["stdout"]), (2, request["stderr"])):
            handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            os.dup2(handle, fd)
            os.close(handle)
        signal.alarm(int(request.get("timeout", 900)))
        sys.argv = list(request["args"])
        from dbt.cli.main import cli

        try:
            returned = cli()
            code = returned if isinstance(returned, int) else 0
        except SystemExit as exit_:
            if exit_.code is None:
                code = 0
            elif isinstance(exit_.code, int):
                code = exit_.code
            else:
                print(exit_.code, file=sys.stderr)
                code = 1
    except BaseException:  # noqa: BLE001 - report anything, never return to the loop
        traceback.print_exc()
        code = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(code)


def main() -> None:
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - a module that is absent is just not preloaded
            pass
    print(json.dumps({"ready": True, "threads": threading.active_count()}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        request = json.loads(line)
        pid = os.fork()
        if pid == 0:
            run_child(request)
        _, status = os.waitpid(pid, 0)
        print(json.dumps({"returncode": os.waitstatus_to_exitcode(status)}), flush=True)


if __name__ == "__main__":
    main()
