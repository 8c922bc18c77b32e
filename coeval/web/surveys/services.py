"""Read-side queries: my surveys, cohort results (small groups hidden), GRIPP2 drafts."""

from statistics import mean

from django.apps import apps
from django.utils import timezone

from coeval.web.surveys.models import CapacityResponse, Gripp2Report, Stage, WorkshopFeedback
from coeval.web.surveys.skills import ALL_ITEMS, MIN_GROUP

PUBLIC_ROLES = ("public_adviser", "patient")
FEEDBACK_KINDS = ("workshop", "review_workshop", "dissemination")


def my_surveys(user, cohort) -> dict:
    from coeval.web.curriculum.models import Session

    answered = set(
        CapacityResponse.objects.filter(cohort=cohort, user=user).values_list("stage", flat=True)
    )
    sessions = list(
        Session.objects.filter(
            cohort=cohort, kind__in=FEEDBACK_KINDS, starts_at__lte=timezone.now()
        ).order_by("starts_at")
    )
    given = set(
        WorkshopFeedback.objects.filter(session__in=sessions, user=user).values_list(
            "session_id", flat=True
        )
    )
    return {
        "cohort": cohort,
        "stages": [(value, label, value in answered) for value, label in Stage.choices],
        "sessions": [(s, s.pk in given) for s in sessions],
        "teams": list(cohort.teams.order_by("name")),
    }


def _summary(values: list[int]) -> dict:
    """A count and average, with the average hidden for groups too small to be anonymous."""
    shown = len(values) >= MIN_GROUP
    return {
        "n": len(values),
        "shown": shown,
        "mean": round(float(mean(values)), 1) if shown else None,
    }


def capacity_results(cohort) -> dict:
    responses = list(CapacityResponse.objects.filter(cohort=cohort))
    rows = []
    for key, label in ALL_ITEMS:
        pre = [r.ratings[key] for r in responses if r.stage == Stage.PRE and key in r.ratings]
        post = [r.ratings[key] for r in responses if r.stage == Stage.POST and key in r.ratings]
        rows.append({"key": key, "label": label, "pre": _summary(pre), "post": _summary(post)})
    return {
        "rows": rows,
        "respondents": {
            "pre": sum(1 for r in responses if r.stage == Stage.PRE),
            "post": sum(1 for r in responses if r.stage == Stage.POST),
        },
        "chart": capacity_chart(rows),
        "min_group": MIN_GROUP,
    }


def capacity_chart(rows: list[dict]) -> str:
    """Pre and post averages per skill, only where both groups are large enough."""
    import altair as alt
    import pandas as pd

    from coeval.equity.charts import PALETTE, to_svg

    data = [
        {"skill": row["label"], "when": when, "average": row[stage]["mean"], "n": row[stage]["n"]}
        for row in rows
        for stage, when in (("pre", "Before"), ("post", "After"))
        if row["pre"]["shown"] and row["post"]["shown"]
    ]
    if not data:
        return ""
    chart = (
        alt.Chart(pd.DataFrame(data))
        .mark_bar()
        .encode(
            y=alt.Y("skill:N", title=None, sort=None),
            yOffset=alt.YOffset("when:N", sort=["Before", "After"]),
            x=alt.X("average:Q", title="Average self-rating (1 to 10)", scale=alt.Scale(domain=[0, 10])),
            color=alt.Color("when:N", title="Survey", sort=["Before", "After"],
                            scale=alt.Scale(range=list(PALETTE[:2]))),
            tooltip=["skill", "when", "average", "n"],
        )
        .properties(
            width=420,
            title="Confidence before and after the programme",
            description="Average self-rating from 1 to 10 for each skill, before and after. "
            "Skills with fewer than 3 answers in either survey are left out.",
        )
    )  # fmt: skip
    return to_svg(chart)


def feedback_results(cohort) -> list[dict]:
    from coeval.web.curriculum.models import Session

    out = []
    sessions = Session.objects.filter(cohort=cohort, kind__in=FEEDBACK_KINDS).order_by("starts_at")
    for session in sessions.prefetch_related("feedback"):
        answers = list(session.feedback.all())
        if not answers:
            continue
        shown = len(answers) >= MIN_GROUP
        out.append(
            {
                "session": session,
                "n": len(answers),
                "shown": shown,
                "usefulness": round(float(mean(a.usefulness for a in answers)), 1)
                if shown
                else None,
                "more_confident": sum(a.confidence_change == "more" for a in answers)
                if shown
                else None,
                "went_well": [a.went_well for a in answers if a.went_well] if shown else [],
                "to_change": [a.to_change for a in answers if a.to_change] if shown else [],
            }
        )
    return out


# --- GRIPP2 ------------------------------------------------------------------------------


def involvement_record(team) -> dict:
    """What the system recorded of the public members' involvement in this team's work."""
    from coeval.web.curriculum.models import Attendance
    from coeval.web.programmes.models import TeamMembership

    members = list(
        TeamMembership.objects.filter(team=team, role__in=PUBLIC_ROLES).select_related("user")
    )
    attended = list(
        Attendance.objects.filter(team=team, role__in=PUBLIC_ROLES)
        .select_related("session")
        .order_by("session__starts_at")
    )
    record = {
        "advisers": sum(m.role == "public_adviser" for m in members),
        "patients": sum(m.role == "patient" for m in members),
        "attendances": len(attended),
        "sessions": sorted({a.session.title for a in attended}),
        "edits": 0,
        "comments": 0,
        "sections": [],
        "adopted": [],
    }
    if apps.is_installed("coeval.web.workbook"):
        try:
            record.update(_workbook_record(team))
        except Exception:  # the workbook is mid-build: draft from attendance alone
            pass
    return record


def _is_public(roles: str) -> bool:
    return any(r in PUBLIC_ROLES for r in roles.split(","))


def _workbook_record(team) -> dict:
    from coeval.web.workbook.models import Comment, SectionRevision

    revisions = [
        r
        for r in SectionRevision.objects.filter(
            section__plan__team=team, number__gt=0
        ).select_related("section")
        if _is_public(r.author_roles)
    ]
    comments = [
        c
        for c in Comment.objects.filter(section__plan__team=team).select_related("section")
        if _is_public(c.author_roles)
    ]
    sections = sorted({x.section.spec.title for x in revisions + comments})
    adopted = [
        {"said": c.text, "did": c.we_did, "section": c.section.spec.title}
        for c in comments
        if c.is_adopted
    ]
    return {
        "edits": len(revisions),
        "comments": len(comments),
        "sections": sections,
        "adopted": adopted,
    }


def gripp2_draft(team) -> dict:
    r = involvement_record(team)
    people = []
    if r["advisers"]:
        people.append(f"{r['advisers']} public adviser{'s' if r['advisers'] != 1 else ''}")
    if r["patients"]:
        people.append(f"{r['patients']} patient representative{'s' if r['patients'] != 1 else ''}")
    who = " and ".join(people) or "No public advisers or patients"
    sessions = (
        f" They came to {r['attendances']} programme session{'s' if r['attendances'] != 1 else ''}"
        f" ({'; '.join(r['sessions'])})."
        if r["attendances"]
        else ""
    )
    sections = (
        f" across {len(r['sections'])} sections ({', '.join(r['sections'])})"
        if r["sections"]
        else ""
    )
    said_did = "\n".join(
        f"- You said ({a['section']}): {a['said']} We did: {a['did'] or 'adopted the suggestion.'}"
        for a in r["adopted"][:8]
    )
    return {
        "aim": (
            f"To involve people who use {team.service_name} and members of the public in "
            "evaluating it, so that the evaluation asks questions that matter to them and "
            "they can see the difference they make."
        ),
        "methods": (
            f"{who} {'was' if who.startswith('No') else 'were'} full members of the team, "
            "working on the evaluation plan in the shared workbook alongside practitioners, "
            f"commissioners and analysts.{sessions}"
        ),
        "results": (
            f"Public members made {r['edits']} edit{'s' if r['edits'] != 1 else ''} and "
            f"{r['comments']} comment{'s' if r['comments'] != 1 else ''} or suggestion"
            f"{'s' if r['comments'] != 1 else ''} on the plan{sections}. "
            f"{len(r['adopted'])} of their suggestions were adopted."
        ),
        "outcomes": (
            "What changed because of public involvement:\n" + said_did
            if said_did
            else "No adopted suggestions are recorded yet. Describe what changed because of "
            "public involvement."
        ),
        "reflection": (
            "Write this with the public members of the team: what went well, what did not, "
            "and what you would do differently."
        ),
    }


def gripp2_report(team) -> Gripp2Report | None:
    return Gripp2Report.objects.filter(team=team).first()
