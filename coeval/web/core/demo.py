"""The demo seed: each app contributes a ``seed(demo)`` function, run in order.

``demo`` is a ``DemoContext`` that carries what earlier seeders made (the
programme, cohort, teams and people) so that later ones can refer to them.
"""

from dataclasses import dataclass, field

DEMO_SEEDERS = [
    "coeval.web.programmes.demo.seed",
    "coeval.web.curriculum.demo.seed",
    "coeval.web.library.demo.seed",
    "coeval.web.glossary.demo.seed",
    "coeval.web.connections.demo.seed",
    "coeval.web.datasets.demo.seed",
    "coeval.web.workbook.demo.seed",
    "coeval.web.qda.demo.seed",
    "coeval.web.briefs.demo.seed",
    "coeval.web.decisions.demo.seed",
    "coeval.web.surveys.demo.seed",
]

DEMO_PASSWORD = "coeval-demo-2026"


@dataclass
class DemoContext:
    objects: dict = field(default_factory=dict)  # named things made by earlier seeders
    sign_ins: list = field(default_factory=list)  # (role label, email) printed at the end
