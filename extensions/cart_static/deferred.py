"""Output the live preview makes when a browser first asks for it, not in every rebuild.

Some files cost a rebuild much more than the edit that changed them: at 500 quizzes the
all-quizzes export files are composed from 2,500 one-quiz files, about half of a one-quiz
edit's CPU in the preview, though an author rarely downloads them while writing. In the
preview (`cart_static.preview` sets `PREVIEW_ENV`), an extension may leave such a file out
of the output and name, in a list beside the doctrees, the function that makes it; the
preview's server calls that function when the file is first requested and serves what it
wrote. A static build never defers: its output is always complete.
"""

from __future__ import annotations

import importlib
import json
import os
from collections.abc import Mapping
from pathlib import Path

from sphinx.application import Sphinx

#: Set to "1" by the preview for its own process and its rebuild workers.
PREVIEW_ENV = "CART_STATIC_PREVIEW"
#: Output path (relative, `/` separators) -> "module:function", beside the doctrees.
MANIFEST = "cart_static_deferred.json"


def deferring() -> bool:
    """Whether this build runs in the preview, where output may wait until it is asked for."""
    return os.environ.get(PREVIEW_ENV) == "1"


def _read(doctree_dir: Path) -> dict[str, str]:
    try:
        manifest = json.loads((doctree_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return manifest if isinstance(manifest, dict) else {}


def defer(app: Sphinx, makers: Mapping[str, str]) -> None:
    """Record that each output path of `makers` is made on request by its "module:function",
    called as `function(outdir, doctreedir, path)`."""
    doctree_dir = Path(app.doctreedir)
    manifest = _read(doctree_dir)
    if all(manifest.get(path) == maker for path, maker in makers.items()):
        return
    manifest.update(makers)
    doctree_dir.mkdir(parents=True, exist_ok=True)
    (doctree_dir / MANIFEST).write_text(json.dumps(manifest, sort_keys=True), encoding="utf-8")


def make_deferred(out_dir: Path, doctree_dir: Path, path: str) -> None:
    """Make the deferred output `path` if it is deferred and not in `out_dir` yet."""
    if (out_dir / path).is_file():
        return
    maker = _read(doctree_dir).get(path)
    if maker is None:
        return
    module, _, function = maker.partition(":")
    getattr(importlib.import_module(module), function)(out_dir, doctree_dir, path)
