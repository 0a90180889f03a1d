"""Maintainer tasks. `nox -l` lists them; `nox -R -s <name>` reuses an environment."""

from __future__ import annotations

from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.sessions = ["lint", "docs", "tests"]

ROOT = Path(__file__).parent
DOCS = ROOT / "docs"
BUILD = ROOT / "_build"
STRICT = ["-W", "--keep-going", "-n"]


def _install(session: nox.Session, *extras: str) -> None:
    """Install the project (and its extensions) from pyproject.toml with the given extras."""
    target = f".[{','.join(extras)}]" if extras else "."
    session.install("-e", target)


@nox.session
def preview(session: nox.Session) -> None:
    """Build the site and serve it with live reload at http://127.0.0.1:8000."""
    _install(session, "preview")
    session.log("Serving the site at http://127.0.0.1:8000 (Ctrl+C to stop)")
    session.run(
        "sphinx-autobuild",
        *STRICT[1:],
        "--host",
        "127.0.0.1",
        "--port",
        "8000",
        "--watch",
        str(ROOT / "quizzes"),
        "--watch",
        str(ROOT / "extensions"),
        str(DOCS),
        str(BUILD / "preview"),
        *session.posargs,
    )


@nox.session
def docs(session: nox.Session) -> None:
    """The strict HTML build: any warning fails it. Output in _build/html."""
    _install(session)
    session.run(
        "sphinx-build", "-b", "html", *STRICT, str(DOCS), str(BUILD / "html"), *session.posargs
    )


@nox.session
def readability(session: nox.Session) -> None:
    """Build the site and print each tier block's page, tier, words, grade, sentence length."""
    _install(session)
    outdir = BUILD / "html"
    # Not strict (-W): the table should list every block even when some are over their limit.
    session.run("sphinx-build", "-b", "html", "-q", str(DOCS), str(outdir), *session.posargs)
    session.log(f"The table is also a page: {outdir / 'maintainers' / 'readability.html'}")
    session.run("python", "-m", "cart_tiers", "report", str(outdir), "--check")


@nox.session
def export(session: nox.Session) -> None:
    """Export every quiz to QTI 1.2 (Canvas), Moodle XML and GIFT in _build/export."""
    _install(session)
    quizzes, out = str(ROOT / "quizzes"), str(BUILD / "export")
    session.run("python", "-m", "cart_quiz", "export", quizzes, "--out", out, *session.posargs)


@nox.session
def bench(session: nox.Session) -> None:
    """Build times, scaling to 1,000 quizzes, page weight, requests: bench-results/."""
    _install(session, "test")
    session.run("python", str(ROOT / "bench" / "run.py"), *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """The whole pytest suite, browser tests included when Chromium is installed."""
    _install(session, "test")
    session.run("pytest", *session.posargs)


@nox.session
def a11y(session: nox.Session) -> None:
    """WCAG 2.2 AA in Chromium: axe-core on every page, keyboard, reflow, zoom, screenshots."""
    if not Path("/usr/bin/chromium").exists():
        session.error("needs Debian's Chromium at /usr/bin/chromium: apt-get install chromium")
    _install(session, "test")
    session.run("sphinx-build", "-b", "html", *STRICT, "-q", str(DOCS), str(BUILD / "html"))
    session.run("pytest", str(ROOT / "tests" / "test_a11y.py"), *session.posargs)
    session.log(f"Screenshots for review: {ROOT / 'test-results' / 'screenshots'}")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check over the Python code."""
    _install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
