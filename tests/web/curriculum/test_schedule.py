"""The schedule: made from the programme's template, changed session by session."""

from datetime import date, time, timedelta

from django.urls import reverse
from django.utils import timezone

from coeval.web.core.models import AuditEvent
from coeval.web.curriculum import actions
from coeval.web.curriculum.models import Session, SessionKind, TemplateSession


def test_a_new_programme_starts_with_the_real_programmes_schedule_as_its_template(world):
    items = list(TemplateSession.objects.filter(programme=world.programme))
    kinds = [i.kind for i in items]
    assert kinds.count(SessionKind.WORKSHOP) == 5
    assert kinds.count(SessionKind.SUPPORT_MEETING) == 3
    assert kinds.count(SessionKind.REVIEW_MEETING) >= 5
    assert kinds.count(SessionKind.REVIEW_WORKSHOP) == 1
    assert kinds[-1] == SessionKind.DISSEMINATION
    workshop_weeks = [i.week for i in items if i.kind == SessionKind.WORKSHOP]
    assert [b - a for a, b in zip(workshop_weeks, workshop_weeks[1:])] == [4, 4, 4, 4]


def test_workshop_one_covers_logic_modelling_pest_and_health_inequalities(world):
    first = TemplateSession.objects.filter(programme=world.programme).first()
    for topic in ("logic model", "PEST", "Health inequalities", "outcomes and objectives"):
        assert topic.lower() in first.agenda.lower()


def test_the_schedule_is_made_from_the_template_and_a_start_date(world, client_for):
    client = client_for("academic_facilitator")
    response = client.post(
        reverse("curriculum:generate", args=[world.cohort.pk]),
        {"start_date": "2026-01-12", "place": "Lecture room 2", "online_link": ""},
    )
    assert response.status_code == 302
    sessions = list(Session.objects.filter(cohort=world.cohort))
    assert len(sessions) == TemplateSession.objects.filter(programme=world.programme).count()
    first = timezone.localtime(sessions[0].starts_at)
    assert (first.date(), first.time()) == (date(2026, 1, 12), time(9, 30))
    workshop_two = next(s for s in sessions if s.title.startswith("Workshop 2"))
    assert timezone.localtime(workshop_two.starts_at).date() == date(2026, 2, 9)
    assert all(s.place == "Lecture room 2" for s in sessions)
    assert AuditEvent.objects.filter(action="generated schedule").exists()


def test_a_schedule_is_not_made_twice(world, client_for, schedule):
    response = client_for("programme_manager").post(
        reverse("curriculum:generate", args=[world.cohort.pk]), {"start_date": "2026-01-12"}
    )
    assert response.status_code == 200
    assert "already has a schedule" in response.content.decode()
    assert Session.objects.filter(cohort=world.cohort).count() == len(schedule)


def test_the_schedule_page_lists_sessions_in_date_order(world, client_for, schedule):
    page = client_for("patient").get(reverse("curriculum:cohort", args=[world.cohort.pk]))
    html = page.content.decode()
    positions = [html.index(s.title) for s in schedule[:5]]
    assert positions == sorted(positions)


def _session_form(**changes):
    data = {
        "kind": "support_meeting",
        "title": "Extra support: data access",
        "date": "2030-03-04",
        "start_time": "10:00",
        "end_time": "11:30",
        "place": "Room 4",
        "online_link": "",
        "agenda": "Getting IMD data for each LSOA",
        "learning_objectives": "",
        "notes": "",
        "agreed_actions": "",
    }
    data.update(changes)
    return data


def test_a_facilitator_adds_a_session(world, client_for):
    response = client_for("academic_facilitator").post(
        reverse("curriculum:session_new", args=[world.cohort.pk]), _session_form()
    )
    session = Session.objects.get(title="Extra support: data access")
    assert response["Location"] == reverse("curriculum:session", args=[session.pk])
    assert timezone.localtime(session.ends_at).time() == time(11, 30)
    assert AuditEvent.objects.filter(action="created", target_id=str(session.pk)).exists()


def test_a_session_that_ends_before_it_starts_is_refused_and_what_was_typed_is_kept(
    world, client_for
):
    response = client_for("programme_manager").post(
        reverse("curriculum:session_new", args=[world.cohort.pk]),
        _session_form(start_time="14:00", end_time="13:00"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "The end time must be after the start time (14:00)" in html
    assert 'href="#id_end_time"' in html  # the error summary links to the field
    assert 'value="Extra support: data access"' in html
    assert "Getting IMD data for each LSOA" in html
    assert not Session.objects.filter(cohort=world.cohort).exists()


def test_two_sessions_of_a_cohort_at_the_same_time_are_refused_with_the_clash_named(
    world, client_for, schedule
):
    workshop_one = timezone.localtime(schedule[0].starts_at)
    response = client_for("programme_manager").post(
        reverse("curriculum:session_new", args=[world.cohort.pk]),
        _session_form(date=workshop_one.date().isoformat(), start_time="11:00", end_time="12:00"),
    )
    html = response.content.decode()
    assert "This time clashes with “Workshop 1: Getting to know each other" in html
    assert 'href="#id_start_time"' in html
    assert Session.objects.filter(cohort=world.cohort).count() == len(schedule)


def test_moving_a_session_does_not_clash_with_itself(world, client_for, session):
    start = timezone.localtime(session.starts_at)
    response = client_for("programme_manager").post(
        reverse("curriculum:session_edit", args=[session.pk]),
        _session_form(
            kind=session.kind,
            title=session.title,
            date=start.date().isoformat(),
            start_time="10:00",
            end_time="16:00",
            notes="Teams shared their first logic models.",
            agreed_actions="Each team sends its logic model by Friday.",
        ),
    )
    assert response.status_code == 302
    session.refresh_from_db()
    assert timezone.localtime(session.starts_at).time() == time(10, 0)
    assert session.notes == "Teams shared their first logic models."
    event = AuditEvent.objects.get(action="updated", target_id=str(session.pk))
    assert "notes" in event.changes


def test_sessions_of_different_cohorts_may_share_a_time(world, client_for, session):
    from tests import factories

    other_cohort = factories.make_cohort(world.programme, "Cohort 2")
    start = timezone.localtime(session.starts_at)
    response = client_for("programme_manager").post(
        reverse("curriculum:session_new", args=[other_cohort.pk]),
        _session_form(date=start.date().isoformat(), start_time="09:30", end_time="15:30"),
    )
    assert response.status_code == 302


def test_the_programme_manager_edits_the_template_and_new_schedules_follow_it(world, client_for):
    item = TemplateSession.objects.filter(programme=world.programme).first()
    response = client_for("programme_manager").post(
        reverse("curriculum:template_item_edit", args=[item.pk]),
        {
            "kind": "workshop",
            "title": "Workshop 1: Welcome",
            "week": 0,
            "start_time": "10:00",
            "duration_minutes": 300,
            "agenda": "Introductions and logic modelling",
            "learning_objectives": "",
        },
    )
    assert response.status_code == 302
    sessions = actions.generate_sessions(
        world.user("programme_manager"), world.cohort, date(2026, 9, 7)
    )
    assert sessions[0].title == "Workshop 1: Welcome"
    assert timezone.localtime(sessions[0].starts_at).time() == time(10, 0)


def test_a_template_session_can_be_removed(world, client_for):
    item = TemplateSession.objects.filter(programme=world.programme).last()
    client_for("programme_manager").post(
        reverse("curriculum:template_item_edit", args=[item.pk]), {"delete": "1"}
    )
    assert not TemplateSession.objects.filter(pk=item.pk).exists()
    assert AuditEvent.objects.filter(action="deleted", target_id=str(item.pk)).exists()


def test_a_template_session_must_fit_in_a_day(world, client_for):
    response = client_for("programme_manager").post(
        reverse("curriculum:template_item_new", args=[world.programme.pk]),
        {
            "kind": "workshop",
            "title": "Late",
            "week": 3,
            "start_time": "22:00",
            "duration_minutes": 180,
            "agenda": "",
            "learning_objectives": "",
        },
    )
    assert "must finish on the day it starts" in response.content.decode()


def test_the_session_page_shows_agenda_materials_attendance_and_notes(world, client_for, session):
    actions.add_material(
        world.user("programme_manager"), session, "Logic model template", link="https://x.test/lm"
    )
    html = client_for("intern").get(reverse("curriculum:session", args=[session.pk])).content
    html = html.decode()
    for heading in ("Agenda", "What you will learn", "Materials", "Attendance", "Notes"):
        assert f"<h2>{heading}</h2>" in html
    assert "Logic model template" in html
    assert "Record attendance" not in html  # an intern cannot record it


def test_the_next_session_date_is_shown_in_uk_time(world, client_for):
    day = timezone.localdate() + timedelta(days=30)
    client_for("programme_manager").post(
        reverse("curriculum:session_new", args=[world.cohort.pk]),
        _session_form(date=day.isoformat(), start_time="09:15", end_time="10:00"),
    )
    session = Session.objects.get(cohort=world.cohort)
    html = client_for("analyst").get(reverse("curriculum:session", args=[session.pk])).content
    assert "09:15 to 10:00" in html.decode()


def test_the_schedule_page_costs_the_same_queries_however_many_sessions(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("practitioner")
    url = reverse("curriculum:cohort", args=[world.cohort.pk])
    manager = world.user("programme_manager")
    actions.generate_sessions(manager, world.cohort, date(2026, 1, 5))
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for week in range(60, 90):
        actions.save_session(
            manager,
            world.cohort,
            {
                "kind": "review_meeting",
                "title": f"Extra review {week}",
                "starts_at": timezone.make_aware(
                    timezone.datetime(2026, 1, 5, 14) + timedelta(weeks=week)
                ),
                "ends_at": timezone.make_aware(
                    timezone.datetime(2026, 1, 5, 15) + timedelta(weeks=week)
                ),
            },
        )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
