"""Importing data from the E-Kinerja app and from fingerprint machines.

Formats are documented in `ekinerja.importing.formats` (app punches, activities, reviews as
CSV or JSON Lines) and `ekinerja.importing.zkteco` (ZKTeco USB export and ADMS push body).

    with db.read_session(engine) as session:
        report = check_file(session, viewer, "absen_maret.csv", data)      # writes nothing
    with db.write_session(engine) as session:
        result = import_file(session, viewer, "absen_maret.csv", data)     # all or nothing
        # or, after the user saw the report: import_file(..., only_good_rows=True,
        #                                                  expected_sha256=report.sha256)

A file is checked completely before anything is written; a re-import changes nothing
(duplicates are counted by their stable key); every import is recorded in `import_batch` and
the audit trail, and daily summaries of the touched days are recomputed in the same transaction.
"""

from ekinerja.importing.pins import (
    apply_pin_changes,
    fingerprint_devices,
    import_history,
    pin_table,
)
from ekinerja.importing.reading import Limits
from ekinerja.importing.report import CheckResult, ImportRefused, ImportResult
from ekinerja.importing.service import FORMAT_CHOICES, check_file, import_file

__all__ = [
    "FORMAT_CHOICES",
    "CheckResult",
    "ImportRefused",
    "ImportResult",
    "Limits",
    "apply_pin_changes",
    "check_file",
    "fingerprint_devices",
    "import_file",
    "import_history",
    "pin_table",
]
