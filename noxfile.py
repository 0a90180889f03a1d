"""Maintainer tasks. `nox -l` lists them; `nox -s <name> -- <args>` passes arguments on.

Each session keeps its environment between runs and installs only when it is new or when
`pyproject.toml` has changed since its last install, so a second run starts at once; `nox -R`
also skips that check.
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import socket
from pathlib import Path

import nox

nox.options.default_venv_backend = "venv"
nox.options.reuse_venv = "yes"
nox.options.sessions = ["lint", "docs", "tests"]

ROOT = Path(__file__).parent
DOCS = ROOT / "docs"
BUILD = ROOT / "_build"
STRICT = ["-W", "--keep-going", "-n"]
LOCALE = DOCS / "locale"
#: Languages the site is translated into; each builds into _build/<html|preview>/<lang>.
LANGUAGES = ("es",)
PREVIEW_HOST = "127.0.0.1"
PREVIEW_PORT = 8000


def _install(session: nox.Session, *extras: str) -> None:
    """Install the project (and its extensions) from pyproject.toml with the given extras,
    unless this environment already has exactly that installed."""
    target = f".[{','.join(extras)}]" if extras else "."
    stamp = Path(session.virtualenv.location) / ".cart-installed"
    wanted = f"{target} {hashlib.sha256((ROOT / 'pyproject.toml').read_bytes()).hexdigest()}"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        return
    session.install("-e", target)
    stamp.write_text(wanted, encoding="utf-8")


def _optional_dependencies(extra: str) -> list[str]:
    """One extra's requirements, read from pyproject.toml (the one list of them)."""
    return nox.project.load_toml(ROOT / "pyproject.toml")["project"]["optional-dependencies"][extra]


def _split_port(arguments: list[str]) -> tuple[int, list[str]]:
    """The preview's `--port N` (or the default), and its other arguments."""
    parser = argparse.ArgumentParser(prog="nox -s preview --", add_help=False)
    parser.add_argument("--port", type=int, default=PREVIEW_PORT)
    known, rest = parser.parse_known_args(arguments)
    return known.port, rest


def _split_language(arguments: list[str], outdir: Path) -> tuple[Path, list[str]]:
    """`--lang es` (or `-D language=es`): the language's own folder beside the English site,
    and the sphinx-build arguments that select it."""
    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--lang", default="en")
    known, rest = parser.parse_known_args(arguments)
    language = known.lang
    for index, argument in enumerate(rest[:-1]):
        if argument == "-D" and rest[index + 1].startswith("language="):
            language = rest[index + 1].split("=", 1)[1]
    if language == "en":
        return outdir, rest
    if f"language={language}" not in rest:
        rest = ["-D", f"language={language}", *rest]
    return outdir / language, rest


@nox.session
def preview(session: nox.Session) -> None:
    """Build the site and serve it with live reload at http://127.0.0.1:8000
    (another port: `nox -s preview -- --port 8001`)."""
    port, extra = _split_port(session.posargs)
    outdir, extra = _split_language(extra, BUILD / "preview")
    with socket.socket() as probe:
        if probe.connect_ex((PREVIEW_HOST, port)) == 0:
            session.error(
                f"port {port} is already in use (another preview?); stop that server, or "
                f"pick another port: nox -s preview -- --port {port + 1}"
            )
    _install(session, "site", "preview")
    session.log(f"Serving the site at http://{PREVIEW_HOST}:{port} (Ctrl+C to stop)")
    # sphinx-autobuild's server, with rebuilds forked from a warm process (cart_static.preview);
    # the generated quiz pages are the build's own output, so writing them starts no rebuild.
    session.run(
        "python",
        "-m",
        "cart_static.preview",
        *STRICT[1:],
        "--ignore",
        str(DOCS / "quiz"),
        "--host",
        PREVIEW_HOST,
        "--port",
        str(port),
        "--watch",
        str(ROOT / "quizzes"),
        "--watch",
        str(ROOT / "extensions"),
        "--watch",
        str(LOCALE),
        str(DOCS),
        str(outdir),
        *extra,
    )


@nox.session
def docs(session: nox.Session) -> None:
    """The strict HTML build: any warning fails it. Output in _build/html; another language
    with `-- --lang es` (or `-- -D language=es`) into _build/html/es."""
    _install(session, "site")
    outdir, extra = _split_language(session.posargs, BUILD / "html")
    session.run("sphinx-build", "-b", "html", *STRICT, str(DOCS), str(outdir), *extra)


TEX_PACKAGES = "latexmk texlive-latex-recommended texlive-latex-extra texlive-fonts-recommended"


@nox.session
def pdf(session: nox.Session) -> None:
    """The site as one PDF, each quiz as a worksheet with its answer key (needs TeX).
    Output: _build/latex/cart-learning-site.pdf (pdflatex through latexmk)."""
    if shutil.which("latexmk") is None:
        session.error(f"needs TeX and latexmk: apt-get install -y {TEX_PACKAGES}")
    _install(session, "site")
    session.run("sphinx-build", "-M", "latexpdf", str(DOCS), str(BUILD), *STRICT, *session.posargs)
    session.log(f"The PDF: {BUILD / 'latex' / 'cart-learning-site.pdf'}")


@nox.session
def check(session: nox.Session) -> None:
    """Check quiz files without building the site (`nox -s check -- quizzes/my-quiz.yaml`)."""
    _install(session)
    session.run("python", "-m", "cart_quiz", "check", *(session.posargs or ["quizzes"]))


@nox.session
def readability(session: nox.Session) -> None:
    """Build the site and print each tier block's page, tier, words, grade, sentence length."""
    _install(session, "site")
    # `-- --lang es`: the Spanish edition, measured with the Spanish formula, in _build/html/es.
    outdir, extra = _split_language(session.posargs, BUILD / "html")
    # Not strict (-W): the table should list every block even when some are over their limit.
    session.run("sphinx-build", "-b", "html", "-q", str(DOCS), str(outdir), *extra)
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
    """Issue 19's goals as ratios of alternated runs, with the peers (mkdocs-material +
    mkdocs-quiz, sphinx-exercise) on the same content: bench-results/. `-- --strict` fails
    the session when a goal is missed; `-- --sizes 100 300 --peer-size 100 --repeat 1` is
    quick."""
    _install(session, "site", "test", "bench")
    session.run("python", "-m", "bench", *session.posargs)


@nox.session
def unit(session: nox.Session) -> None:
    """The quick tier: every test but the browser and slow ones, under a minute of CPU."""
    _install(session, "site", "test")
    session.run("pytest", "-m", "not browser and not slow", *session.posargs)


@nox.session
def tests(session: nox.Session) -> None:
    """The whole pytest suite, browser tests included when Chromium is installed (CI)."""
    _install(session, "site", "test")
    session.run("pytest", *session.posargs)


@nox.session
def a11y(session: nox.Session) -> None:
    """WCAG 2.2 AA in Chromium, on the English and the Spanish site: axe-core on every page,
    keyboard, reflow, zoom, screenshots."""
    if not Path("/usr/bin/chromium").exists():
        session.error("needs Debian's Chromium at /usr/bin/chromium: apt-get install chromium")
    _install(session, "site", "test")
    session.run("pytest", str(ROOT / "tests" / "test_a11y.py"), *session.posargs)
    session.log(f"Screenshots for review: {ROOT / 'test-results' / 'screenshots'}")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff check and ruff format --check over the Python code (installs only ruff)."""
    session.install(*_optional_dependencies("lint"))
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session
def translations(session: nox.Session) -> None:
    """Update every message catalog and report what is still untranslated: the extensions'
    interface strings (.pot, each .po, each .mo), the pages (Sphinx's gettext builder, then
    docs/locale/<lang>/LC_MESSAGES/<page>.po), the site's template words (sphinx.po, from the
    same builder), the quizzes (quiz-content.po) and the diagrams (diagrams.po, then each
    drawing's twin, journey.es.svg). `-- --check` fails when a language is not complete."""
    _install(session, "site")
    for package in ("cart_quiz", "cart_tiers"):
        session.run("python", "-m", "cart_static.messages", str(ROOT / "extensions" / package))
    pot_dir = BUILD / "gettext"
    session.run("sphinx-build", "-b", "gettext", "-q", str(DOCS), str(pot_dir))
    languages = [arg for language in LANGUAGES for arg in ("--language", language)]
    session.run("python", "-m", "cart_i18n", "update", str(pot_dir), str(LOCALE), *languages)
    session.run(
        "python",
        "-c",
        "import sys; from cart_quiz.quiz_catalog import main; main(sys.argv[1:])",
        str(ROOT / "quizzes"),
        str(LOCALE),
        *languages,
    )
    # The diagrams' words: diagrams.po, then each drawing's twin (journey.es.svg).
    session.run(
        "python",
        "-m",
        "cart_i18n",
        "diagrams",
        str(DOCS / "_static" / "diagrams"),
        str(LOCALE),
        *languages,
    )
    check = [arg for language in LANGUAGES for arg in ("--check", language)]
    session.run(
        "python",
        "-m",
        "cart_i18n",
        "report",
        str(LOCALE),
        *(check if "--check" in session.posargs else []),
    )
