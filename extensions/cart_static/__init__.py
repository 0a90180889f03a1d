"""Shared by cart_quiz and cart_tiers: ship a package's scripts and styles minified.

The sources in each package's `static/` stay commented and readable; readers download copies
without comments and indentation (rjsmin and rcssmin), which keeps both extensions' assets
together under 15 KB gzipped. The copies are written beside the build's doctrees, and only when
their content changes.
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


def add_minified_static_dir(app: Sphinx, package: str, source: Path) -> None:
    """Serve the minified copies of `source` as static files of this HTML build."""
    target = Path(app.doctreedir) / f"_{package}_static"
    app.config.html_static_path.append(str(minified_copy(source, target)))
