"""Serve the map's CDN files and tiles from local copies: the test machines reach no CDN.

folium 0.20 writes absolute CDN URLs into the map HTML; each is answered here from the npm
packages installed by `npm ci --prefix tests/browser` (see package.json), and every map tile
with one generated grey PNG. Any other outside request is refused and remembered, so a test can
fail when a new folium version starts loading something unmapped.
"""

from __future__ import annotations

import io
import mimetypes
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from PIL import Image
from playwright.sync_api import BrowserContext, Route

NODE_MODULES = Path(__file__).resolve().parent / "node_modules"

# (pattern on the full URL, folder or file under node_modules; the group is the rest of the path)
PREFIXES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"/npm/leaflet@1\.9\.3/dist/(.+)$"), "leaflet/dist/"),
    (re.compile(r"/ajax/libs/leaflet\.markercluster/1\.1\.0/(.+)$"), "leaflet.markercluster/dist/"),
    (
        re.compile(r"/ajax/libs/Leaflet\.awesome-markers/2\.0\.2/(.+)$"),
        "leaflet.awesome-markers/dist/",
    ),
    (re.compile(r"/npm/bootstrap@5\.2\.2/dist/(.+)$"), "bootstrap/dist/"),
    (
        re.compile(r"/npm/@fortawesome/fontawesome-free@6\.2\.0/(.+)$"),
        "@fortawesome/fontawesome-free/",
    ),
)
FILES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"code\.jquery\.com/jquery-3\.7\.1\.min\.js$"), "jquery/dist/jquery.min.js"),
    (re.compile(r"/leaflet_heat\.min\.js$"), "leaflet.heat/dist/leaflet-heat.js"),
)
# Cosmetic stylesheets folium adds that no map of ours needs: answered with an empty file.
EMPTY_CSS = (
    re.compile(r"leaflet\.awesome\.rotate\.min\.css$"),
    re.compile(r"bootstrap/3\.0\.0/css/bootstrap-glyphicons\.css$"),
)
TILE = re.compile(r"/\d+/\d+/\d+\.png$")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "[::1]", "::1"}


def grey_tile() -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", (256, 256), (221, 221, 221)).save(buf, "PNG")
    return buf.getvalue()


def local_file(url: str) -> Path | None:
    """The installed file that answers a CDN URL, or None."""
    path = urlsplit(url).path
    for pattern, folder in PREFIXES:
        match = pattern.search(path)
        if match:
            candidate = (NODE_MODULES / folder / match.group(1)).resolve()
            return candidate if candidate.is_relative_to(NODE_MODULES.resolve()) else None
    for pattern, target in FILES:
        if pattern.search(url):
            return NODE_MODULES / target
    return None


@dataclass
class OfflineAssets:
    """Route handler state: which outside URLs were served, blanked, or refused."""

    served: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    tile: bytes = field(default_factory=grey_tile)

    def install(self, context: BrowserContext) -> None:
        context.route(re.compile(r"^https?://(?!localhost|127\.0\.0\.1)"), self._handle)

    def _handle(self, route: Route) -> None:
        url = route.request.url
        if urlsplit(url).hostname in LOCAL_HOSTS:
            route.continue_()
            return
        if TILE.search(urlsplit(url).path):
            self.served.append(url)
            route.fulfill(status=200, body=self.tile, content_type="image/png")
            return
        if any(p.search(url) for p in EMPTY_CSS):
            self.served.append(url)
            route.fulfill(status=200, body="", content_type="text/css")
            return
        path = local_file(url)
        if path is not None and path.is_file():
            self.served.append(url)
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            route.fulfill(status=200, body=path.read_bytes(), content_type=kind)
            return
        self.refused.append(url)
        route.abort()
