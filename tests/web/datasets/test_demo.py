import pytest

from coeval.web.core.demo import DemoContext
from coeval.web.datasets import demo as datasets_demo
from coeval.web.datasets.models import Analysis, Dataset
from coeval.web.datasets.services import released_outputs_for
from coeval.web.programmes import demo as programmes_demo

pytestmark = pytest.mark.django_db


def test_the_demo_gives_each_team_a_matched_dataset_and_a_finished_analysis(settings):
    settings.COEVAL_TASKS_MODE = "worker"  # as in the real demo: the seed runs its own tasks
    context = DemoContext()
    programmes_demo.seed(context)
    datasets_demo.seed(context)
    assert Dataset.objects.filter(status=Dataset.Status.READY).count() == 3
    assert Analysis.objects.filter(status=Analysis.Status.DONE).count() == 3
    outputs = released_outputs_for(context.objects["teams_by_key"]["bp"])
    assert "narrowed" in outputs[0]["interpretation"][1]


def test_the_synthetic_rows_are_the_same_every_time():
    first = datasets_demo.synthetic_patients(seed=1, n=500)
    assert first.equals(datasets_demo.synthetic_patients(seed=1, n=500))
