"""Export quizzes to the formats learning systems import: IMS QTI 1.2 (Canvas), Moodle XML
and GIFT. Built on the model alone (no Sphinx), so the CLI, the build and tests share it."""

from .files import (
    FORMAT_NAMES,
    FORMATS,
    LEFT_OUT,
    all_quizzes_export_path,
    export_contents,
    quiz_export_path,
    write_exports,
)

__all__ = [
    "FORMATS",
    "FORMAT_NAMES",
    "LEFT_OUT",
    "all_quizzes_export_path",
    "export_contents",
    "quiz_export_path",
    "write_exports",
]
