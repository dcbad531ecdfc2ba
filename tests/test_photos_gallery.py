"""Selfie gallery: path checks, missing and fake files, paging, roles and scope."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import factories as f
import pytest
from PIL import Image
from sqlalchemy import Engine
from ui import app_for

import db
from ekinerja.access import PermissionDenied, Scope, Viewer
from ekinerja.models import Employee
from ekinerja.queries import photos
from ekinerja.texts import maps as t
from ekinerja.validation import ValidationError

ADMIN = Viewer("admin", "admin")
AT = {"lat": -7.6244, "lon": 111.5206}


def _jpeg() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 10, 10)).save(buf, "JPEG")
    return buf.getvalue()


@pytest.mark.parametrize(
    "stored",
    [
        "../rahasia.jpg",
        "2026/../../rahasia.jpg",
        "/etc/passwd",
        "C:\\foto\\a.jpg",
        "..\\..\\a.jpg",
        "",
        "a\x00.jpg",
        "x" * 301,
    ],
)
def test_stored_path_leaving_the_photo_folder_is_refused(stored: str, tmp_path: Path) -> None:
    with pytest.raises(ValidationError):
        photos.safe_photo_path(stored, tmp_path)


def test_symlink_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    base = tmp_path / "foto"
    base.mkdir()
    secret = tmp_path / "rahasia.jpg"
    secret.write_bytes(_jpeg())
    (base / "tautan.jpg").symlink_to(secret)
    with pytest.raises(ValidationError):
        photos.read_photo("tautan.jpg", base)


def test_read_photo_ok_missing_and_not_an_image(tmp_path: Path) -> None:
    (tmp_path / "2026" / "11").mkdir(parents=True)
    (tmp_path / "2026" / "11" / "a.jpg").write_bytes(_jpeg())
    (tmp_path / "svg.jpg").write_bytes(
        b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"
    )
    (tmp_path / "kosong.jpg").write_bytes(b"")
    ok = photos.read_photo("2026/11/a.jpg", tmp_path)
    assert ok.status == "ok" and ok.data is not None and ok.data.startswith(b"\xff\xd8\xff")
    assert photos.read_photo("2026/11/hilang.jpg", tmp_path).status == "missing"
    assert photos.read_photo("svg.jpg", tmp_path) == photos.Photo(None, "invalid")
    assert photos.read_photo("kosong.jpg", tmp_path) == photos.Photo(None, "invalid")


def _seed(engine: Engine) -> dict[str, int]:
    start = date(2026, 11, 2)
    with db.write_session(engine) as s:
        u1, u2 = f.unit(s, "U1"), f.unit(s, "U2")
        budi = f.employee(s, u1, 1, name="Budi")
        lain = f.employee(s, u2, 2)
        for i in range(14):
            f.punch(s, budi, start + timedelta(days=i), 7, 0, channel="selfie", **AT,
                    photo_path=f"2026/11/b{i:02d}.jpg")  # fmt: skip
        f.punch(s, budi, start, 16, 0, direction="out", channel="qr")  # no photo
        f.punch(s, budi, start, 7, 5, channel="selfie", photo_path="2026/11/hapus.jpg", **AT,
                deleted_at=datetime(2026, 11, 20, tzinfo=UTC))  # fmt: skip
        other = f.punch(s, lain, start, 7, 0, channel="selfie", photo_path="2026/11/lain.jpg", **AT)
        return {"u1": u1.id, "u2": u2.id, "budi": budi.id, "lain": lain.id, "other": other.id}  # type: ignore[dict-item]


def test_gallery_pages_newest_first_and_clamps_the_page(engine: Engine) -> None:
    ids = _seed(engine)
    with db.read_session(engine) as s:
        first = photos.gallery(s, ADMIN, employee_id=ids["budi"], page=1, page_size=6)
        last = photos.gallery(s, ADMIN, employee_id=ids["budi"], page=3, page_size=6)
        beyond = photos.gallery(s, ADMIN, employee_id=ids["budi"], page=99, page_size=6)
        ranged = photos.gallery(
            s, ADMIN, employee_id=ids["budi"], start=date(2026, 11, 10), end=date(2026, 11, 11)
        )
    assert (first.total, first.pages) == (14, 3)  # the soft-deleted photo is not counted
    assert first.rows["photo_path"].tolist()[:2] == ["2026/11/b13.jpg", "2026/11/b12.jpg"]
    assert last.rows["photo_path"].tolist() == ["2026/11/b01.jpg", "2026/11/b00.jpg"]
    assert beyond.page == 3 and beyond.rows.equals(last.rows)
    assert ranged.rows["photo_path"].tolist() == ["2026/11/b09.jpg", "2026/11/b08.jpg"]


def test_gallery_by_unit_and_refusals(engine: Engine) -> None:
    ids = _seed(engine)
    spv = Viewer("spv", "supervisor", Scope.units([ids["u1"]]))
    with db.read_session(engine) as s:
        assert photos.gallery(s, spv, unit_id=ids["u1"]).total == 14
        with pytest.raises(PermissionDenied):
            photos.gallery(s, spv, unit_id=ids["u2"])
        with pytest.raises(PermissionDenied):
            photos.gallery(s, spv, employee_id=ids["lain"])
        with pytest.raises(PermissionDenied):  # HR may not see selfies at all
            photos.gallery(s, Viewer("sdm", "hr"), unit_id=ids["u1"])
        with pytest.raises(ValidationError):
            photos.gallery(s, ADMIN, employee_id=ids["budi"], unit_id=ids["u1"])


def test_photo_of_one_check_in_needs_role_and_scope(engine: Engine, tmp_path: Path) -> None:
    ids = _seed(engine)
    (tmp_path / "2026" / "11").mkdir(parents=True)
    (tmp_path / "2026" / "11" / "lain.jpg").write_bytes(_jpeg())
    spv = Viewer("spv", "supervisor", Scope.units([ids["u1"]]))
    with db.read_session(engine) as s:
        assert photos.punch_photo(s, ADMIN, ids["other"], tmp_path).status == "ok"
        with pytest.raises(PermissionDenied):
            photos.punch_photo(s, spv, ids["other"], tmp_path)
        with pytest.raises(PermissionDenied):
            photos.punch_photo(s, Viewer("sdm", "hr"), ids["other"], tmp_path)


def test_gallery_page_shows_photos_and_placeholder_for_a_purged_file(
    sqlite_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ids = _seed(sqlite_engine)
    folder = tmp_path / "2026" / "11"
    folder.mkdir(parents=True)
    for i in range(1, 14):  # b00 was purged by retention: its file is gone
        (folder / f"b{i:02d}.jpg").write_bytes(_jpeg())
    monkeypatch.setenv("EKINERJA_PHOTO_DIR", str(tmp_path))
    with db.read_session(sqlite_engine) as s:
        nip = s.get(Employee, ids["budi"]).nip  # type: ignore[union-attr]
    at = app_for(sqlite_engine, "auditor", page="pages/foto.py")
    at.query_params["nip"] = nip
    at.run()
    assert not at.exception and not at.error
    assert any(c.value == "Halaman 1 dari 2 · 14 foto" for c in at.caption)
    at.number_input[0].set_value(2).run()
    assert any(c.value == "Halaman 2 dari 2 · 14 foto" for c in at.caption)
    assert [c.value for c in at.caption].count(t.PHOTO_MISSING) == 1
