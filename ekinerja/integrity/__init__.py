"""Integrity checks on attendance: signs of fake GPS, reused photos and buddy punching.

Each rule family has its own module (location, travel, sharing, photos, timing); every rule is a
pure function of one period's data (`inputs.load`) and the thresholds (`config.Thresholds`),
vectorised with pandas/numpy, returning candidate findings with stable keys. `run_checks`
stores them as IntegrityFinding rows in a review queue (status baru); admins and auditors
confirm or reject them with `review_finding`. Findings are never penalties by themselves.

Kinds: mock_location, outside_geofence, wfh_far_from_home, impossible_travel,
repeated_coordinates, shared_device, photo_reuse, channel_conflict, same_second, ip_burst.
"""

from ekinerja.integrity.config import Thresholds
from ekinerja.integrity.queue import FindingDetail, finding_detail, labelled, list_findings
from ekinerja.integrity.rules import KINDS, detect
from ekinerja.integrity.store import RunResult, month_range, review_finding, run_checks

__all__ = [
    "KINDS",
    "FindingDetail",
    "RunResult",
    "Thresholds",
    "detect",
    "finding_detail",
    "labelled",
    "list_findings",
    "month_range",
    "review_finding",
    "run_checks",
]
