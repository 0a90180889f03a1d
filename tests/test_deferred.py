"""The preview's deferred output (`cart_static.deferred`): made on request, and a request
whose sources are gone gets "not found" and a message, not a server error."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import anyio
from cart_static.deferred import MANIFEST
from cart_static.preview import DeferredOutputs


def made(out_dir, doctree_dir, path):
    (out_dir / path).write_text((doctree_dir / "source.txt").read_text())


def _serve(middleware, request) -> None:
    """One request through the middleware, on a thread of its own: the browser tests' sync
    Playwright keeps an event loop running on the main thread."""
    with ThreadPoolExecutor(1) as thread:
        thread.submit(anyio.run, middleware, request, None, None).result()


def test_a_deferred_file_is_made_on_request_and_a_missing_source_is_not_fatal(tmp_path, capsys):
    out, doctrees = tmp_path / "out", tmp_path / "doctrees"
    out.mkdir()
    doctrees.mkdir()
    (doctrees / MANIFEST).write_text(json.dumps({"all.txt": f"{__name__}:made"}))
    passed_on = []

    async def app(scope, receive, send):
        passed_on.append(scope["path"])

    middleware = DeferredOutputs(app, out_dir=out, doctree_dir=doctrees)
    request = {"type": "http", "method": "GET", "path": "/all.txt"}
    _serve(middleware, request)  # its source is missing
    assert not (out / "all.txt").exists()
    assert "Could not make all.txt" in capsys.readouterr().out
    (doctrees / "source.txt").write_text("every quiz")
    _serve(middleware, request)
    assert (out / "all.txt").read_text() == "every quiz"
    _serve(middleware, {**request, "path": "/other.html"})  # not deferred
    assert passed_on == ["/all.txt", "/all.txt", "/other.html"]
