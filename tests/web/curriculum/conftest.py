from datetime import timedelta

import pytest
from django.utils import timezone

from coeval.web.curriculum import actions


@pytest.fixture(autouse=True)
def private_media(settings, tmp_path):
    """Uploaded files go to a fresh folder for each test."""
    settings.MEDIA_ROOT = tmp_path / "private"
    return settings.MEDIA_ROOT


@pytest.fixture
def schedule(world):
    """The cohort's schedule from the default template, ten weeks in."""
    start = timezone.localdate() - timedelta(weeks=10)
    return actions.generate_sessions(
        world.user("programme_manager"), world.cohort, start, place="Room 1, Civic Centre"
    )


@pytest.fixture
def session(schedule):
    return schedule[0]
