"""The map's own Leaflet layers: many points from one compact JSON array each.

Why not folium's own elements: a folium `CircleMarker` costs about 0.3 ms and 750 bytes per point in
Python, `FastMarkerCluster` validates every row in Python again, and branca turns every rendered
script back into a Jinja template (`MacroElement.render` wraps the output in `Element(...)`), so a
layer holding 30,000 points is lexed by Jinja on each of the three renders `st_folium` does. These
layers take their rows already serialised (`rows_json`, built once per cached map view) and hand
their rendered script to the figure as plain text.

Row layout shared by all point layers: [lat, lon, category index, escaped tooltip, radius px].
The tooltip must already be escaped with `maps.escape_js_html`.
"""

from __future__ import annotations

import json
from typing import Any

from branca.element import Element, MacroElement
from folium.elements import JSCSSMixin
from folium.plugins import MarkerCluster
from folium.template import Template

# JSON inside a <script>: the characters that could close the tag or open an HTML construct are
# written as \\u escapes, as Jinja's tojson does.
_HTML_SAFE = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("'", "\\u0027"))


def js_data(value: Any) -> str:
    """Compact JSON that is safe inside a <script> element."""
    out = json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    # str.replace per character is C speed; str.translate with a dict is not (megabytes here).
    for char, escaped in _HTML_SAFE:
        out = out.replace(char, escaped)
    return out


class _Prerendered(Element):
    """Text that is already rendered; branca would otherwise compile it as a template again."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class PrerenderedMacro(MacroElement):
    """A MacroElement whose rendered header, html and script reach the figure as plain text."""

    def render(self, **kwargs: Any) -> None:  # type: ignore[override]  # as MacroElement's
        figure = self.get_root()
        module = self._template.module
        for part in ("header", "html", "script"):
            macro = getattr(module, part, None)
            if macro is not None:
                target = getattr(figure, part)
                target.add_child(_Prerendered(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class CircleLayer(PrerenderedMacro):
    """Small circle markers on their own canvas, one tooltip each."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var colors = {{ this.colors|tojson }};
                var rows = {{ this.rows_json }};
                var group = L.featureGroup();
                // Own canvas in the marker pane: above geofences and the heat map.
                var renderer = L.canvas({pane: "markerPane"});
                for (var i = 0; i < rows.length; i++) {
                    var r = rows[i];
                    var m = L.circleMarker([r[0], r[1]], {
                        radius: r[4], color: "#ffffff", weight: 1, renderer: renderer,
                        fillColor: colors[r[2]], fillOpacity: 0.9
                    });
                    if (r[3]) { m.bindTooltip(r[3]); }
                    group.addLayer(m);
                }
                group.addTo({{ this._parent.get_name() }});
                return group;
            })();
        {% endmacro %}
        """
    )

    def __init__(self, rows_json: str, colors: list[str]) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "CircleLayer"
        self.rows_json = rows_json
        self.colors = colors


class ClusterLayer(JSCSSMixin, PrerenderedMacro):
    """Markers made in the browser and clustered by Leaflet.markercluster.

    A cluster holding a point of category `warn` takes markercluster's orange style, so a check-in
    outside every geofence stays visible at every zoom level.
    """

    default_js = MarkerCluster.default_js
    default_css = MarkerCluster.default_css

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var colors = {{ this.colors|tojson }};
                var warn = {{ this.warn|tojson }};
                // Canvas circles, not DOM markers: a building can hold a month of check-ins,
                // all of them in view once the clusters open.
                var renderer = L.canvas({pane: "markerPane"});
                var cluster = L.markerClusterGroup({
                    chunkedLoading: true,
                    disableClusteringAtZoom: {{ this.uncluster_zoom|tojson }},
                    iconCreateFunction: function (c) {
                        var markers = c.getAllChildMarkers();
                        var flagged = false;
                        for (var i = 0; i < markers.length; i++) {
                            if (markers[i].options.ekWarn) { flagged = true; break; }
                        }
                        return L.divIcon({
                            html: "<div><span>" + c.getChildCount().toLocaleString("id-ID") + "</span></div>",
                            className: "marker-cluster marker-cluster-" + (flagged ? "large" : "small"),
                            iconSize: new L.Point(40, 40)
                        });
                    }
                });
                var rows = {{ this.rows_json }};
                var markers = [];
                for (var i = 0; i < rows.length; i++) {
                    var r = rows[i];
                    var m = L.circleMarker([r[0], r[1]], {
                        radius: r[4], color: "#ffffff", weight: 1, renderer: renderer,
                        fillColor: colors[r[2]], fillOpacity: 0.9, ekWarn: r[2] === warn
                    });
                    if (r[3]) { m.bindTooltip(r[3]); }
                    markers.push(m);
                }
                cluster.addLayers(markers);
                cluster.addTo({{ this._parent.get_name() }});
                return cluster;
            })();
        {% endmacro %}
        """
    )

    def __init__(self, rows_json: str, colors: list[str], warn: int, uncluster_zoom: int) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "ClusterLayer"
        self.rows_json = rows_json
        self.colors = colors
        self.warn = warn
        self.uncluster_zoom = uncluster_zoom


class FenceLayer(PrerenderedMacro):
    """Office geofences as circles in metres. rows: [lat, lon, radius m, escaped tooltip]."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
            var {{ this.get_name() }} = (function () {
                var rows = {{ this.rows_json }};
                var group = L.featureGroup();
                for (var i = 0; i < rows.length; i++) {
                    var r = rows[i];
                    L.circle([r[0], r[1]], {
                        radius: r[2], color: {{ this.color|tojson }}, weight: 2,
                        fill: true, fillOpacity: 0.08
                    }).bindTooltip(r[3]).addTo(group);
                }
                group.addTo({{ this._parent.get_name() }});
                return group;
            })();
        {% endmacro %}
        """
    )

    def __init__(self, rows: list[list[object]], color: str) -> None:
        super().__init__()  # type: ignore[no-untyped-call]
        self._name = "FenceLayer"
        self.rows_json = js_data(rows)
        self.color = color
