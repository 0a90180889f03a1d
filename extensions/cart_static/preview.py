"""A live preview whose rebuilds start warm: `python -m cart_static.preview`, with
sphinx-autobuild's arguments (what `nox -s preview` runs).

sphinx-autobuild runs every rebuild as `python -m sphinx` in a new process, so a one-page edit
pays for importing Sphinx, MyST, furo and the extensions and filling their caches (the
pronouncing dictionary, the quiz schema) before any work: most of the 0.8 s of CPU it costs at
500 pages. Here the first build runs in the server's own process, which keeps everything it
imported; each later rebuild runs where sphinx-autobuild already runs it, in a worker forked
from the server, now as `sphinx.cmd.build.build_main` in that worker: a new Sphinx
application that reads the configuration and loads the saved environment, the steps of
`python -m sphinx`, so a rebuild writes what a build in a new process writes
(`tests/test_preview.py` runs the incremental-equals-clean sequence through the preview).

Output an extension defers (`cart_static.deferred`: the all-quizzes export files) is made
when the browser first asks for it, so an edit pays only for what the author looks at.

Only code already imported could be stale: when a changed file is a module the server has
loaded (an extension's source), the server starts again in a new process (the browser page
then needs one manual reload, as the live-reload connection is new).
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import signal
import sys
from collections.abc import Sequence
from pathlib import Path

import anyio.to_thread
from sphinx.cmd.build import build_main, get_parser
from sphinx_autobuild import __main__ as autobuild
from sphinx_autobuild.build import Builder
from sphinx_autobuild.utils import show_message

from .deferred import PREVIEW_ENV, make_deferred

#: Printed after every build, as sphinx-autobuild does; the bench and the tests wait for it.
SERVING = "Serving on"


def _loaded_sources() -> frozenset[str]:
    """The files of every module this process has imported."""
    return frozenset(
        os.path.realpath(module.__file__)
        for module in list(sys.modules.values())
        if isinstance(getattr(module, "__file__", None), str)
    )


class WarmBuilder(Builder):
    """sphinx-autobuild's builder, building in its own process instead of a new one."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.server = os.getpid()
        self.loaded: frozenset[str] = frozenset()

    def __call__(self, *, changed_paths: Sequence[Path]) -> None:
        stale = sorted(str(path) for path in changed_paths if str(path) in self.loaded)
        if stale:
            shown = ", ".join(stale[:3])
            show_message(
                f"Code the preview has loaded changed ({shown}): starting again; reload the "
                "page in the browser when it is back"
            )
            os.kill(self.server, signal.SIGUSR1)
            return
        if changed_paths:
            shown = ", ".join(path.name for path in changed_paths[:5])
            show_message(f"Detected changes ({shown})")
            show_message("Rebuilding...")
        if self._run_commands(self.pre_build_commands, "pre-build") != 0:
            return
        status = build_main(list(self.sphinx_args))
        if status:
            show_message(
                f"Sphinx exited with exit code {status}. The server goes on serving the last "
                "output: fix the cause above, or stop it with Ctrl+C."
            )
        else:
            self._run_commands(self.post_build_commands, "post-build")
        if os.getpid() == self.server:
            self._settle()
        show_message(f"{SERVING} {self.uri}")

    def _settle(self) -> None:
        """After the first build, in the server: remember what is loaded, and move it out of
        the collector's sight, so a forked rebuild never walks (or copies) it."""
        self.loaded = _loaded_sources()
        gc.collect()
        gc.freeze()


class DeferredOutputs:
    """ASGI middleware: make a deferred output file before the static files app serves it."""

    def __init__(self, app, out_dir: Path, doctree_dir: Path) -> None:
        self.app, self.out_dir, self.doctree_dir = app, out_dir, doctree_dir

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            path = scope["path"].lstrip("/")
            try:
                await anyio.to_thread.run_sync(make_deferred, self.out_dir, self.doctree_dir, path)
            except OSError as error:  # a file it is made from is gone: served as not found
                show_message(f"Could not make {path} ({error}); save any source file to rebuild")
        await self.app(scope, receive, send)


def _doctree_dir(sphinx_args: Sequence[str]) -> Path:
    """Where the build keeps its doctrees (and the list of deferred output), as Sphinx reads
    its own command line."""
    args = get_parser().parse_args(list(sphinx_args))
    return Path(args.doctreedir or Path(args.outputdir) / ".doctrees")


_create_autobuild_app = autobuild._create_app


def _create_app(watch_dirs, ignore_handler, builder, out_dir, url_host):
    """sphinx-autobuild's server, which makes deferred output on request."""
    app = _create_autobuild_app(watch_dirs, ignore_handler, builder, out_dir, url_host)
    doctree_dir = _doctree_dir(builder.sphinx_args)
    app.add_middleware(DeferredOutputs, out_dir=Path(out_dir), doctree_dir=doctree_dir)
    return app


def _start_again(signum: int, frame: object) -> None:
    """A new server process in place of this one; the rebuild workers go first, as they hold
    a copy of the listening socket."""
    for worker in multiprocessing.active_children():
        worker.kill()
        worker.join()
    os.execv(sys.executable, [sys.executable, "-m", "cart_static.preview", *sys.argv[1:]])


def main(argv: Sequence[str] = ()) -> None:
    # Rebuild workers must be forks of this warm process (Python 3.14's default is forkserver).
    multiprocessing.set_start_method("fork", force=True)
    signal.signal(signal.SIGUSR1, _start_again)
    os.environ[PREVIEW_ENV] = "1"
    autobuild.Builder = WarmBuilder
    autobuild._create_app = _create_app
    autobuild.main(list(argv) or sys.argv[1:])


if __name__ == "__main__":
    main()
