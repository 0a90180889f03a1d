"""cart_static.memory only changes when memory is reclaimed during a build: full collections
are rare while it runs, and the collector is given back as it was once the build ends."""

from __future__ import annotations

import gc
import json

from cart_static.memory import OLD_GENERATION_THRESHOLD
from sphinx.cmd.build import build_main

CONF = """\
import gc, json
extensions = ["myst_parser", "cart_tiers"]
project = "Memory"

def setup(app):
    def record(app, env):
        with open({seen!r}, "w", encoding="utf-8") as handle:
            json.dump(gc.get_threshold(), handle)
        return []

    app.connect("env-updated", record)
"""


def test_the_collector_is_given_back(tmp_path):
    before = gc.get_threshold()
    source, seen = tmp_path / "site", tmp_path / "seen.json"
    source.mkdir()
    (source / "conf.py").write_text(CONF.format(seen=str(seen)), encoding="utf-8")
    (source / "index.md").write_text("# Home\n\nSome text.\n", encoding="utf-8")
    assert build_main(["-b", "html", "-q", str(source), str(tmp_path / "html")]) == 0
    during = json.loads(seen.read_text(encoding="utf-8"))
    assert during[:2] == list(before[:2])
    assert during[2] == max(before[2], OLD_GENERATION_THRESHOLD)
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
    assert gc.isenabled()
