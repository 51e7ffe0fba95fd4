"""Run make targets as timed stages, some side by side, and print how long each took.

    run_stages.py STEP [STEP ...]

A STEP is one make target, or several joined by '+' that run at the same time
(e.g. ``lint+build``). Steps run in the order given; the targets of one step
run in parallel, each its output prefixed with its name, and the step ends
when all of them have. The first step with a failed target stops the run
(its other targets still finish). At the end a table gives each target's wall
time and outcome, and the total; the exit status is 1 if anything failed.

Why side by side: the machine this runs on has two cores, and the stages do
not all use them. The Spark session mostly waits (its user time is a sixth of
its wall time), so the other engines run while the DuckDB integration suite
keeps both cores busy; sqlfluff's compile and the demo build are one core each.
"""
from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

MAKE = os.environ.get("MAKE", "make")


def run_target(target: str, prefix: bool, results: dict, lock: threading.Lock) -> None:
    start = time.monotonic()
    proc = subprocess.Popen(
        [MAKE, "--no-print-directory", target],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1,
        errors="replace",
    )
    assert proc.stdout is not None
    for line in proc.stdout:
        with lock:
            sys.stdout.write(f"[{target}] {line}" if prefix else line)
            sys.stdout.flush()
    returncode = proc.wait()
    results[target] = (time.monotonic() - start, returncode)


def main(steps: list[str]) -> int:
    results: dict[str, tuple[float, int]] = {}
    order: list[str] = []
    lock = threading.Lock()
    start = time.monotonic()
    failed = False
    for step in steps:
        targets = [target for target in step.split("+") if target]
        order += targets
        threads = [
            threading.Thread(target=run_target, args=(t, len(targets) > 1, results, lock))
            for t in targets
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        if any(results[t][1] != 0 for t in targets):
            failed = True
            break
    total = time.monotonic() - start
    print("\n| stage | seconds | outcome |\n|---|---:|---|")
    for step in steps:
        targets = [target for target in step.split("+") if target]
        together = " (in parallel)" if len(targets) > 1 else ""
        for target in targets:
            if target in results:
                seconds, code = results[target]
                outcome = "passed" if code == 0 else f"FAILED ({code})"
                print(f"| {target}{together} | {seconds:.0f} | {outcome} |")
            else:
                print(f"| {target} | - | not run |")
    print(f"| total | {total:.0f} | {'FAILED' if failed else 'passed'} |")
    return 1 if failed else 0


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1:]))
