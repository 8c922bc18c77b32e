import pytest

from coeval.web.workbook import actions


@pytest.fixture
def plan(world):
    """Team A's plan, started by its project lead."""
    return actions.start_plan(world.user("project_lead"), world.team)


@pytest.fixture
def section_of(plan):
    def get(key):
        return plan.sections.get(key=key)

    return get


@pytest.fixture
def context_section(section_of):
    return section_of("service_context")
