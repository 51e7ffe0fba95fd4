"""Fault injection, record level (issue 4): adversarial records in the contract's format.

Each fault class writes raw files the way a producer could, builds them, and
checks that the build completes (no failed invariant) and that every injected
record lands where the contract says: canonical, excluded, or rejected with the
right reason, looked up by its log_id. One test id per record (or per value and
column), so one failing record is one failing id.

Modules:

- ``records.py``: raw-row builders, ``Case`` (records under one log_id and
  where they must land) and ``write_raw`` (CSV, Parquet, JSON lines).
- ``accounting.py``: where each record landed, records lost per case, and the
  independent "nothing lost" oracle (see its docstring for why it is kept).
- ``cases/``: the records of each fault class.
- ``conftest.py``: the shared builds, session-scoped, each tied to a
  pytest-xdist group so that it is built once (``--dist loadgroup``, pytest.ini):

  ========================  =======================================  ===========
  build                     fault classes                            dbt builds
  ========================  =======================================  ===========
  ``adversarial``           reject reasons, timestamps, whitespace,  1
                            the whole adversarial file
  ``incremental_runs``      re-deliveries, log_id conflicts, late    2 (two runs)
                            records
  ``text_build[format]``    hostile text (CSV, Parquet, JSON lines)  3
  ========================  =======================================  ===========

- ``test_*.py``: one module per fault class.

Every test adds its row (fault class, records tried, records lost) to the fault
report printed at the end of the session (see ../conftest.py): one line per class.
"""
