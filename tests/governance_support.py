"""A small world for the governance tests: one person with a record of every kind, and photos.

`build_person` creates, in one unit: the subject (a distinctive name that the purge test looks
for in raw database bytes), a colleague, and for the subject on `day`: a selfie check-in with a
photo file and GPS, a fingerprint check-out, an activity, a leave, a device, a review written
and a review received. Photos go to the folder `EKINERJA_PHOTO_DIR` points at.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import Session

import db
from ekinerja import summary
from ekinerja.access import Scope, Viewer
from ekinerja.config import photo_dir
from ekinerja.models import Punch
from tests import factories as f

ADMIN = Viewer("admin-uji", "admin", Scope.everything())
AUDITOR = Viewer("auditor-uji", "auditor", Scope.everything())
SUBJECT_NAME = "Zubaidah Kartikasari Wirapraja"
SUBJECT_NIP = "198706152011032004"


@dataclass
class Person:
    employee_id: int
    colleague_id: int
    unit_id: int
    day: date
    selfie_id: int
    fingerprint_id: int
    activity_id: int
    leave_id: int
    review_written_id: int
    review_received_id: int
    device_id: int
    photo_rel: str
    photo_sha: str

    def photo_path(self) -> Path:
        return photo_dir() / self.photo_rel


def photo_bytes(tag: str) -> bytes:
    # A JPEG-looking blob; its content is unique per tag so its SHA-256 is too.
    return b"\xff\xd8\xff\xe0" + f"foto-uji-{tag}".encode() + b"\x00" * 64 + b"\xff\xd9"


def build_person(engine: Engine, day: date, tag: str = "a") -> Person:
    with db.write_session(engine) as s:
        return _build(s, day, tag)


def _build(s: Session, day: date, tag: str) -> Person:
    u = f.unit(s)
    who = {"nip": SUBJECT_NIP, "name": SUBJECT_NAME} if tag == "a" else {"name": f"Pegawai {tag}"}
    subject = f.employee(s, u, **who)
    colleague = f.employee(s, u, name=f"Rekan {tag}")
    data = photo_bytes(tag)
    sha = hashlib.sha256(data).hexdigest()
    rel = f"{day:%Y/%m}/{sha[:16]}.jpg"
    path = photo_dir() / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    selfie = f.punch(
        s, subject, day, 7, 25, channel="selfie", lat=-7.6244, lon=111.5206, accuracy_m=8.0,
        photo_path=rel, photo_sha256=sha, device_id=f"HP-{tag}",
    )  # fmt: skip
    finger = f.punch(s, subject, day, 16, 5, direction="out")
    act = f.activity(s, subject, day)
    lv = f.leave(s, subject, "izin", day)
    dev = f.device(s, subject, day, device_id=f"HP-{tag}")
    written = f.review(s, subject, colleague, day)
    received = f.review(s, colleague, subject, day, relation="rekan")
    assert subject.id and colleague.id and u.id and selfie.id and finger.id and act.id
    assert lv.id and written.id and received.id and dev.id
    summary.refresh(s, [subject.id, colleague.id], day, day)
    return Person(
        subject.id, colleague.id, u.id, day, selfie.id, finger.id, act.id, lv.id, written.id,
        received.id, dev.id, rel, sha,
    )  # fmt: skip


def punch_row(engine: Engine, punch_id: int) -> Punch | None:
    with db.read_session(engine) as s:
        return s.get(Punch, punch_id)
