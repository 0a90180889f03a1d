"""Export quizzes to the formats learning systems import: IMS QTI 1.2 (Canvas), Moodle XML
(for Moodle 4.4+ and, with ordering as matching, for Moodle 3.x to 4.3), GIFT and H5P. Built on
the model alone (no Sphinx), so the CLI, the build and tests share it. The scoring rule for
multiple-answer questions, the same in every format, is documented in `content`."""

from .files import (
    CANNOT_CARRY,
    FORMAT_NAMES,
    FORMATS,
    all_quizzes_export,
    all_quizzes_export_path,
    compose_all_quizzes,
    export_contents,
    quiz_export,
    quiz_export_path,
    write_exports,
)

__all__ = [
    "CANNOT_CARRY",
    "FORMATS",
    "FORMAT_NAMES",
    "all_quizzes_export",
    "all_quizzes_export_path",
    "compose_all_quizzes",
    "export_contents",
    "quiz_export",
    "quiz_export_path",
    "write_exports",
]
