"""cart_quiz: YAML self-check quizzes as accessible widgets in Sphinx pages.

The flow, one module per step: `loader` reads a quiz file into the `model` (checked against
the shipped JSON Schema, every mistake at its file and line); `sources` loads the site's
quizzes into the `store` on the build environment when a build starts, reports problems and
`lint`s, and writes the generated `pages`; the `directive`s build `nodes` from the model,
author text through the `text` profile; at write time one post-transform per output family
makes them the HTML `widget` or the printable `worksheet`; `links`, `catalog` and
`my_questions` add what educators and readers use; `downloads` writes the `export`s.
"""

from __future__ import annotations

from typing import Any

from cart_static.memory import setup_memory
from sphinx.application import Sphinx

from .assets import setup_assets
from .catalog import setup_catalog
from .config import setup_config
from .directive import setup_directives
from .downloads import setup_downloads
from .links import setup_links
from .my_questions import setup_my_questions
from .nodes import setup_nodes
from .progress import setup_progress
from .question_set import setup_question_set
from .sources import setup_sources
from .store import ENV_VERSION, setup_store
from .translation import setup_translation
from .widget import setup_widget
from .worksheet import setup_worksheet

__version__ = "0.2.0"


def setup(app: Sphinx) -> dict[str, Any]:
    setup_config(app)
    setup_translation(app)
    setup_store(app)
    setup_sources(app)
    setup_nodes(app)
    setup_directives(app)
    setup_widget(app)
    setup_worksheet(app)
    setup_links(app)
    setup_catalog(app)
    setup_my_questions(app)
    setup_question_set(app)
    setup_progress(app)
    setup_downloads(app)
    setup_assets(app)
    setup_memory(app)
    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
