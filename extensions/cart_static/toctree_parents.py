"""A page whose toctree lists an edited page is written again only when some toctree would
render differently.

After reading, Sphinx writes the pages it read again and also every page whose toctree
includes one of them (`env.files_to_rebuild`), in case a title or section changed. When the
tables of contents, titles, toctrees, numbers, configuration and tags are all as in the last
build (`toctree_state`), those pages would come out byte for byte as they are: at 1,000 pages
a one-paragraph edit wrote the index again, resolving its 1,000-entry toctree. The pages read
again, or made outdated by an extension, are written as before.

Sphinx has no event that narrows the pages to write, so for HTML builders the builder's
`write` is wrapped to hide `files_to_rebuild` during that one call when the state is unchanged.
Enable with `"cart_static.toctree_parents"` in `extensions`.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .toctree_state import toctree_state

#: The environment's record of the last build's state (saved with the environment).
STATE = "cart_toctree_state"


class _Parents:
    def __init__(self) -> None:
        self.unchanged = False

    def note_state(self, app: Sphinx, env: BuildEnvironment) -> list[str]:
        """Run after Sphinx has numbered sections and figures (its own `env-get-updated`
        handler), before it saves the environment; adds no page."""
        state = toctree_state(app)
        self.unchanged = getattr(env, STATE, None) == state
        setattr(env, STATE, state)
        return []

    def wrap_write(self, app: Sphinx) -> None:
        builder = app.builder
        if builder.format != "html":
            return
        write = builder.write

        def write_without_unchanged_parents(*args: Any, **kwargs: Any) -> None:
            if not self.unchanged:
                return write(*args, **kwargs)
            env = builder.env
            parents, env.files_to_rebuild = env.files_to_rebuild, {}
            try:
                return write(*args, **kwargs)
            finally:
                env.files_to_rebuild = parents

        builder.write = write_without_unchanged_parents


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("cart_static.toctree_state")
    parents = _Parents()
    app.connect("builder-inited", parents.wrap_write)
    app.connect("env-get-updated", parents.note_state, priority=900)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
