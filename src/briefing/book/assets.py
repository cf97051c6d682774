"""The site's shared scripts, written once per build and loaded by every page (no CDN).

- plotly.min.js: the copy of plotly.js that the plotly package ships.
- plotly-geo-assets.js: the world map outlines (data/raw/maps), registered where plotly.js
  looks before it would fetch them from the internet.
- itables.js: the DataTables bundle that itables ships, as a classic script that
  registers it the way itables' offline notebook mode does, so tables are searchable
  and sortable from local files (file://) as well as from a web server; then the briefing's
  own table script and styles (templates/tables.js, tables.css: folded columns, cards on a
  phone), which its tables call (outputs/tables_html.py).
- favicon.svg: the site's icon (the package's templates/favicon.svg), which every page links,
  so no browser asks for a /favicon.ico the site does not have.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

from briefing import paths

PLOTLY_JS = "plotly.min.js"
GEO_JS = "plotly-geo-assets.js"
ITABLES_JS = "itables.js"
FAVICON = "favicon.svg"
TOPOJSON_NAME = "world_110m"


def write_assets(assets_dir: Path = paths.ASSETS) -> Path:
    assets_dir.mkdir(parents=True, exist_ok=True)
    _write_if_changed(assets_dir / PLOTLY_JS, _plotly_js())
    _write_if_changed(assets_dir / GEO_JS, _geo_js())
    _write_if_changed(assets_dir / ITABLES_JS, _itables_js())
    _write_if_changed(assets_dir / FAVICON, _favicon())
    return assets_dir


def _plotly_js() -> bytes:
    import plotly

    return (Path(plotly.__file__).parent / "package_data" / "plotly.min.js").read_bytes()


def _geo_js() -> bytes:
    topojson = (paths.TOPOJSON_DIR / f"{TOPOJSON_NAME}.json").read_text(encoding="utf-8")
    return f"window.PlotlyGeoAssets = {{topojson: {{{TOPOJSON_NAME}: {topojson}}}}};\n".encode()


def _itables_js() -> bytes:
    from itables import javascript, options

    init = javascript.generate_init_offline_itables_html(options.dt_bundle)
    script = re.search(r"<script>(.*?)</script>", init, re.DOTALL)
    if script is None:
        raise RuntimeError(
            "itables' offline initialisation has changed shape; update briefing.assets"
        )
    styles = _template("tables.css").decode("utf-8")
    inject = (
        "(function () { const style = document.createElement('style'); "
        f"style.textContent = {json.dumps(styles)}; document.head.appendChild(style); }})();"
    )
    parts = [script.group(1).strip(), inject, _template("tables.js").decode("utf-8").strip()]
    return "\n".join(parts).encode("utf-8") + b"\n"


def _template(name: str) -> bytes:
    from importlib import resources

    return (resources.files("briefing") / "templates" / name).read_bytes()


def _favicon() -> bytes:
    return _template(FAVICON)


def _write_if_changed(target: Path, content: bytes) -> None:
    if not target.exists() or target.read_bytes() != content:
        tmp = target.with_suffix(".tmp")
        tmp.write_bytes(content)
        tmp.replace(target)


def copy_into(site: Path, assets_dir: Path = paths.ASSETS) -> None:
    """Copy the shared scripts and the icon into a rendered site's assets/ folder."""
    (site / "assets").mkdir(parents=True, exist_ok=True)
    for name in (PLOTLY_JS, GEO_JS, ITABLES_JS, FAVICON):
        shutil.copyfile(assets_dir / name, site / "assets" / name)
