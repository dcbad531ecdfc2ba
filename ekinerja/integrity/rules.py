"""The list of rules, in the order their findings are shown, and running them all on one period."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ekinerja.integrity import location, photos, sharing, timing, travel
from ekinerja.integrity.common import Candidate
from ekinerja.integrity.config import Thresholds
from ekinerja.integrity.inputs import Inputs

Rule = Callable[[Inputs, Thresholds], list[Candidate]]

RULES: dict[str, Rule] = {
    "mock_location": location.mock_location,
    "outside_geofence": location.outside_geofence,
    "wfh_far_from_home": location.wfh_far_from_home,
    "impossible_travel": travel.impossible_travel,
    "repeated_coordinates": location.repeated_coordinates,
    "shared_device": sharing.shared_device,
    "photo_reuse": photos.photo_reuse,
    "channel_conflict": travel.channel_conflict,
    "same_second": timing.same_second,
    "ip_burst": sharing.ip_burst,
}
KINDS = tuple(RULES)


@dataclass
class Detection:
    candidates: list[Candidate]
    seconds: dict[str, float] = field(default_factory=dict)


def detect(data: Inputs, cfg: Thresholds, kinds: tuple[str, ...] = KINDS) -> Detection:
    """Run the rules; keys are unique in the result (a later duplicate key is dropped)."""
    found: dict[str, Candidate] = {}
    seconds: dict[str, float] = {}
    for kind in kinds:
        t0 = time.perf_counter()
        for c in RULES[kind](data, cfg):
            found.setdefault(c.key, c)
        seconds[kind] = time.perf_counter() - t0
    return Detection(list(found.values()), seconds)
