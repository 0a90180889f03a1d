"""Tier names, their reader-facing labels, and the extension's configuration values."""

from __future__ import annotations

from numbers import Real
from typing import TYPE_CHECKING

from sphinx.locale import get_translation
from sphinx.util import logging

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.config import Config

MESSAGE_CATALOG = "cart_tiers"
TIER_NAMES = ("simple", "detail", "clinical")
STORAGE_KEY = "cart-tier"
DEFAULT_READABILITY_LIMITS = {"simple": 6.0, "detail": 9.0}

_ = get_translation(MESSAGE_CATALOG)
logger = logging.getLogger(__name__)


def tier_label(name: str) -> str:
    """The name a reader sees for a tier, in the site's language."""
    labels = {
        "simple": _("Simple"),
        "detail": _("More detail"),
        "clinical": _("Clinical detail"),
    }
    return str(labels[name])


def setup_config(app: Sphinx) -> None:
    """Register the ``tiers_*`` configuration values."""
    app.add_config_value(
        "tiers_readability_limits",
        dict(DEFAULT_READABILITY_LIMITS),
        "env",
        types=frozenset({dict}),
        description="Highest Flesch-Kincaid grade per tier; tiers not listed have no limit.",
    )
    app.add_config_value(
        "tiers_spanish_readability_limits",
        {"simple": 70.0, "detail": 60.0},
        "env",
        types=frozenset({dict}),
        description="Lowest Fernández-Huerta reading ease per tier for pages in Spanish "
        "(language = 'es'); 70 and 60 match the English grade 6 and 9.",
    )
    app.add_config_value(
        "tiers_default",
        "simple",
        "html",
        types=frozenset({str}),
        description="The tier shown to a reader who has not chosen one.",
    )
    app.add_config_value(
        "tiers_term_tooltips",
        True,
        "env",
        types=frozenset({bool}),
        description="Show glossary definitions on hover and focus of plain-tier term links.",
    )
    app.connect("config-inited", check_config)


def check_config(app: Sphinx, config: Config) -> None:
    """Warn about unknown tier names or non-numeric limits, and drop them."""
    valid = ", ".join(TIER_NAMES)
    limits = {}
    for name, limit in config.tiers_readability_limits.items():
        if name not in TIER_NAMES:
            logger.warning(
                "tiers_readability_limits: unknown tier %r; valid tiers are: %s",
                name,
                valid,
                type="tiers",
                subtype="config",
            )
        elif not isinstance(limit, Real) or isinstance(limit, bool):
            logger.warning(
                "tiers_readability_limits[%r] must be a number, not %r",
                name,
                limit,
                type="tiers",
                subtype="config",
            )
        else:
            limits[name] = float(limit)
    config.tiers_readability_limits = limits
    if config.tiers_default not in TIER_NAMES:
        logger.warning(
            "tiers_default: unknown tier %r; valid tiers are: %s; using 'simple'",
            config.tiers_default,
            valid,
            type="tiers",
            subtype="config",
        )
        config.tiers_default = "simple"
