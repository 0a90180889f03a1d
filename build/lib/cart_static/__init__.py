"""Shared by cart_quiz and cart_tiers: ship a package's scripts and styles minified.

The sources in each package's `static/` stay commented and readable; readers download copies
without comments and indentation (rjsmin and rcssmin), which keeps both extensions' assets
together under 15 KB gzipped. The copies are written straight into the build's `_static/`
folder, and only when their content changes; the site's `html_static_path` is left alone, so a
rebuild never sees a changed configuration.
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from sphinx.application import Sphinx

MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def minified_copy(source: Path, target: Path) -> Path:
    """Write minified copies of the `.js` and `.css` files of `source` into `target`."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(source.iterdir()):
        minify = MINIFIERS.get(path.suffix)
        if minify is None:
            continue
        text = minify(path.read_text(encoding="utf-8"))
        copy = target / path.name
        if not copy.exists() or copy.read_text(encoding="utf-8") != text:
            copy.write_text(text, encoding="utf-8")
    return target


def add_minified_static_dir(app: Sphinx, source: Path) -> None:
    """Serve the minified copies of `source` as static files of this HTML build."""
    minified_copy(source, Path(app.outdir) / "_static")
