"""Read-side queries and page models for the workbook (kept out of views)."""

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q

from coeval.web.core.forms import DateInput
from coeval.web.core.roles import ALL_ROLES, TEAM_ROLES, role_label
from coeval.web.workbook import content as content_rules
from coeval.web.workbook import logic_model
from coeval.web.workbook import sections as spec
from coeval.web.workbook.models import (
    AdviceQuestion,
    Comment,
    EvaluationPlan,
    FaqEntry,
    Notification,
    Section,
    SectionDraft,
    SectionRevision,
    SectionState,
)

# --- Choices that come from the programme or the plan ---------------------------------


def programme_people(programme_id: int) -> list[tuple[str, str]]:
    from coeval.web.programmes.models import ProgrammeRole, TeamMembership

    people = {}
    for row in ProgrammeRole.objects.filter(programme_id=programme_id).select_related("user"):
        people[row.user_id] = f"{row.user.display_name} ({role_label(row.role).lower()})"
    members = TeamMembership.objects.filter(team__cohort__programme_id=programme_id)
    for row in members.select_related("user", "team"):
        people.setdefault(
            row.user_id, f"{row.user.display_name} ({role_label(row.role).lower()}, {row.team})"
        )
    return sorted(((str(k), v) for k, v in people.items()), key=lambda p: p[1].lower())


def choice_context(section: Section) -> dict:
    programme_id = section.plan.team.cohort.programme_id
    context = {"people": programme_people(programme_id)}
    if section.key == "data_plan":
        model = Section.objects.filter(plan_id=section.plan_id, key="logic_model").first()
        context["outcomes"] = logic_model.outcomes(model.content if model else {})
    return context


# --- The edit form as the template draws it -----------------------------------------


@dataclass
class Option:
    value: str
    label: str
    selected: bool
    id: str = ""


@dataclass
class Cell:
    name: str
    id: str
    label: str
    kind: str
    value: object
    hint: str = ""
    options: list = field(default_factory=list)
    errors: list = field(default_factory=list)


@dataclass
class Row:
    title: str
    cells: list


@dataclass
class FieldView:
    spec: object
    name: str
    id: str
    label: str
    kind: str
    value: object
    hint: str
    optional: bool
    rows_count: int = 0
    options: list = field(default_factory=list)
    guidance: dict = field(default_factory=dict)
    errors: list = field(default_factory=list)
    table_rows: list = field(default_factory=list)
    text_rows: int = 4
    date_boxes: list = field(default_factory=list)


def _options(choices, value, base_id: str, multi: bool) -> list[Option]:
    chosen = set(value or []) if multi else {value}
    return [Option(v, label, v in chosen, f"{base_id}_{i}") for i, (v, label) in enumerate(choices)]


def form_fields(section: Section, values: dict, problems=None, ctx: dict | None = None):
    """FieldViews for the section's fields, filled with ``values`` (saved or typed)."""
    problems = problems or content_rules.Problems()
    ctx = ctx if ctx is not None else choice_context(section)
    out = []
    for f in section.spec.fields:
        value = values.get(f.key, content_rules._empty_value(f))
        view = FieldView(
            spec=f,
            name=f.key,
            id=f"id_{f.key}",
            label=f.label,
            kind=f.kind,
            value=value,
            hint=f.hint,
            optional=not f.required,
            errors=problems.for_anchor(f"id_{f.key}") + problems.for_anchor(f"id_{f.key}_0"),
            text_rows=getattr(f, "rows", 4),
        )
        if isinstance(f, spec.Date):
            view.date_boxes = DateInput().parts(f.key, value, view.id)
        if isinstance(f, spec.Choice | spec.Multi):
            view.options = _options(f.choices, value, view.id, isinstance(f, spec.Multi))
            view.guidance = dict(getattr(f, "guidance", ()))
        if isinstance(f, spec.Table):
            rows = list(value or [])
            if not f.fixed_rows:
                rows += [{}] * content_rules.EXTRA_ROWS
            view.rows_count = len(rows)
            for i, row in enumerate(rows):
                cells = []
                for c in f.columns:
                    base = f"{f.key}-{i}-{c.key}"
                    cell_value = row.get(c.key, content_rules._empty_cell(c))
                    choices = content_rules.column_choices(c, ctx)
                    if c.kind == "choice" and cell_value and cell_value not in dict(choices):
                        choices = (*choices, (cell_value, cell_value))  # keep what was there
                    cells.append(
                        Cell(
                            name=base,
                            id=f"id_{base}",
                            label=c.label,
                            kind=c.kind,
                            value=cell_value,
                            hint=c.hint,
                            options=_options(choices, cell_value, f"id_{base}", c.kind == "multi"),
                            errors=problems.for_anchor(f"id_{base}")
                            + problems.for_anchor(f"id_{base}_0"),
                        )
                    )
                title = content_rules.row_title(f, i, row)
                if not f.fixed_rows and i >= len(value or []):
                    title = f"Add a {f.row_label.lower()}"
                view.table_rows.append(Row(title, cells))
        out.append(view)
    return out


# --- Plan and section pages ---------------------------------------------------------


def plan_sections(plan: EvaluationPlan) -> list[Section]:
    sections = list(
        plan.sections.annotate(
            comment_count=Count("comments", distinct=True),
            question_count=Count("questions", distinct=True),
        )
    )
    return sorted(sections, key=lambda s: s.number)


def plan_overview(plan: EvaluationPlan) -> dict:
    sections = plan_sections(plan)
    by_key = {s.key: s for s in sections}
    workshops = [
        (number, title, [by_key[s.key] for s in spec.sections_for_workshop(number)])
        for number, title in spec.WORKSHOPS.items()
    ]
    agreed = sum(1 for s in sections if s.state == SectionState.AGREED)
    return {
        "plan": plan,
        "team": plan.team,
        "sections": sections,
        "workshops": workshops,
        "agreed_count": agreed,
        "indicators": list(plan.indicators.all()),
    }


def read_rows(section: Section, ctx: dict | None = None):
    """(field label, lines) for the read-only page, empty fields included."""
    ctx = ctx if ctx is not None else choice_context(section)
    return content_rules.all_lines(section.spec, section.content, ctx)


def section_page(section: Section, user) -> dict:
    comments = list(
        section.comments.select_related("adopted_revision").order_by("created_at", "id")
    )
    questions = list(section.questions.annotate(reply_count=Count("replies")))
    draft = SectionDraft.objects.filter(section=section, user=user).first()
    ctx = choice_context(section)
    context = {
        "section": section,
        "plan": section.plan,
        "team": section.plan.team,
        "spec": section.spec,
        "rows": read_rows(section, ctx),
        "comments": comments,
        "questions": questions,
        "draft": draft,
        "recent_revisions": list(section.revisions.all()[:10]),
        "people_by_id": dict(ctx["people"]),
    }
    if section.spec.builder:
        context["svg"] = logic_model.svg(section.content, f"Logic model: {section.plan.title}")
    return context


def draft_for(section: Section, user) -> SectionDraft | None:
    return SectionDraft.objects.filter(section=section, user=user).first()


def builder_page(section: Section) -> dict:
    items = section.content.get("items", [])
    names = {i["id"]: i["text"] for i in items}
    columns = [
        (key, label, [i for i in items if i["column"] == key])
        for key, label in content_rules.LOGIC_COLUMNS
    ]
    links = [
        {**lk, "from_text": names.get(lk["from"], "?"), "to_text": names.get(lk["to"], "?")}
        for lk in section.content.get("links", [])
    ]
    return {
        "columns": columns,
        "links": links,
        "items": items,
        "outcome_columns": content_rules.OUTCOME_COLUMNS,
        "column_choices": content_rules.LOGIC_COLUMNS,
        "svg": logic_model.svg(section.content, f"Logic model: {section.plan.title}"),
    }


# --- History ------------------------------------------------------------------------


def history(section: Section) -> list[SectionRevision]:
    revisions = list(section.revisions.order_by("-number"))
    for revision in revisions:
        revision.role_labels = [role_label(k) for k in revision.role_keys]
    return revisions


def revision_diff(section: Section, number: int) -> dict:
    revision = section.revisions.get(number=number)
    previous = section.revisions.filter(number__lt=number).order_by("-number").first()
    ctx = choice_context(section)
    revision.role_labels = [role_label(k) for k in revision.role_keys]
    return {
        "revision": revision,
        "previous": previous,
        "changes": content_rules.diff(
            section.spec, previous.content if previous else {}, revision.content, ctx
        ),
        "adopted": list(revision.adopted.all()),
    }


def conflict_view(section: Section, yours: dict) -> dict:
    """Their saved text and yours, field by field, for the fields where they differ."""
    latest = section.revisions.order_by("-number").first()
    ctx = choice_context(section)
    return {
        "latest": latest,
        "differences": content_rules.diff(section.spec, section.content, yours, ctx),
    }


# --- Contributions and "you said, we did" ----------------------------------------------


@dataclass
class RoleCount:
    role: str
    label: str
    edits: int = 0
    comments: int = 0
    adopted: int = 0

    @property
    def total(self) -> int:
        return self.edits + self.comments


def _split_roles(roles: str) -> list[str]:
    return [k for k in roles.split(",") if k] or ["unknown"]


def contributions(plan: EvaluationPlan) -> dict:
    """By section, which roles contributed edits and comments; and what was adopted."""
    sections = sorted(plan.sections.all(), key=lambda s: s.number)
    revisions = SectionRevision.objects.filter(section__plan=plan, number__gt=0).values_list(
        "section_id", "author_roles"
    )
    comments = list(
        Comment.objects.filter(section__plan=plan).select_related("section", "adopted_revision")
    )
    per_section: dict[int, Counter] = {s.pk: Counter() for s in sections}
    totals: dict[str, RoleCount] = {}

    def count(role: str) -> RoleCount:
        label = role_label(role) if role in ALL_ROLES else "Someone who has left"
        return totals.setdefault(role, RoleCount(role, label))

    for section_id, roles in revisions:
        for role in _split_roles(roles):
            per_section[section_id][role] += 1
            count(role).edits += 1
    for comment in comments:
        for role in _split_roles(comment.author_roles):
            per_section[comment.section_id][role] += 1
            count(role).comments += 1
            if comment.is_adopted:
                count(role).adopted += 1
    order = list(TEAM_ROLES) + [k for k in ALL_ROLES if k not in TEAM_ROLES] + ["unknown"]
    roles = sorted(totals.values(), key=lambda r: order.index(r.role) if r.role in order else 99)
    table = [
        (s, [per_section[s.pk].get(r.role, 0) for r in roles], sum(per_section[s.pk].values()))
        for s in sections
    ]
    adopted = [c for c in comments if c.is_adopted]
    adopted.sort(key=lambda c: (c.section.number, c.adopted_at))
    return {
        "plan": plan,
        "roles": roles,
        "table": table,
        "adopted": adopted,
        "chart": contributions_svg(roles),
    }


def contributions_svg(roles: list[RoleCount]) -> str:
    """A horizontal bar chart of contributions by role. The table beside it holds the
    same numbers, so the chart is a picture of the table, not the only record."""
    from xml.sax.saxutils import escape

    if not roles:
        return ""
    top = max(r.total for r in roles) or 1
    bar_h, label_w, width = 26, 190, 560
    height = 20 + len(roles) * (bar_h + 10)
    parts = []
    for n, r in enumerate(roles):
        y = 10 + n * (bar_h + 10)
        edit_w = (width - label_w - 60) * r.edits / top
        comment_w = (width - label_w - 60) * r.comments / top
        parts.append(
            f'<text x="{label_w - 8}" y="{y + 18}" text-anchor="end" font-size="14">'
            f"{escape(r.label)}</text>"
            f'<rect x="{label_w}" y="{y}" width="{edit_w:.1f}" height="{bar_h}" fill="#005eb8">'
            f"<title>{escape(r.label)}: {r.edits} edits</title></rect>"
            f'<rect x="{label_w + edit_w:.1f}" y="{y}" width="{comment_w:.1f}" height="{bar_h}" '
            f'fill="#768692"><title>{escape(r.label)}: {r.comments} comments</title></rect>'
            f'<text x="{label_w + edit_w + comment_w + 6:.1f}" y="{y + 18}" font-size="14">'
            f"{r.total}</text>"
        )
    summary = "; ".join(f"{r.label} {r.edits} edits and {r.comments} comments" for r in roles)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="contrib-title contrib-desc" '
        f'font-family="Arial, sans-serif"><title id="contrib-title">Contributions by role'
        f'</title><desc id="contrib-desc">{escape(summary)}. Dark blue: edits. Grey: comments.'
        f"</desc>{''.join(parts)}</svg>"
    )


def my_influence(user) -> list[Comment]:
    """Every adopted comment or suggestion of this person: where their input changed a plan."""
    return list(
        Comment.objects.filter(author=user, adopted_at__isnull=False)
        .select_related("section__plan__team", "adopted_revision")
        .order_by("-adopted_at")
    )


# --- Advice, FAQ, notifications -------------------------------------------------------


def advice_thread(question: AdviceQuestion) -> dict:
    return {
        "question": question,
        "section": question.section,
        "plan": question.section.plan,
        "replies": list(question.replies.all()),
        "faq": getattr(question, "faq", None) if hasattr(question, "faq") else None,
    }


def programme_faq(programme) -> list[tuple[str, list[FaqEntry]]]:
    entries = list(FaqEntry.objects.filter(programme=programme))
    grouped = []
    for s in spec.SECTIONS:
        items = [e for e in entries if e.section_key == s.key]
        if items:
            grouped.append((s.title, items))
    other = [e for e in entries if e.section_key not in spec.SECTIONS_BY_KEY]
    if other:
        grouped.append(("Other questions", other))
    return grouped


def inbox(user) -> dict:
    notifications = list(Notification.objects.filter(user=user)[:100])
    return {
        "notifications": notifications,
        "unread": sum(1 for n in notifications if n.read_at is None),
    }


def unread_count(user) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


# --- The cohort dashboard -----------------------------------------------------------


def cohort_progress(cohort) -> dict:
    """Each team's plan, section by section, in a fixed number of queries."""
    from coeval.web.programmes.models import Team

    sections = Prefetch("evaluation_plan__sections", queryset=Section.objects.all())
    teams = list(
        Team.objects.filter(cohort=cohort)
        .select_related("evaluation_plan")
        .prefetch_related(sections)
        .annotate(
            open_questions=Count(
                "evaluation_plan__sections__questions",
                filter=Q(evaluation_plan__sections__questions__answered_at__isnull=True),
                distinct=True,
            )
        )
    )
    rows = []
    for team in teams:
        plan = getattr(team, "evaluation_plan", None)
        by_key = {s.key: s for s in plan.sections.all()} if plan else {}
        rows.append(
            {
                "team": team,
                "plan": plan,
                "cells": [by_key.get(s.key) for s in spec.SECTIONS],
                "agreed": sum(1 for s in by_key.values() if s.state == SectionState.AGREED),
                "waiting": sum(1 for s in by_key.values() if s.state == SectionState.READY),
            }
        )
    return {"cohort": cohort, "rows": rows, "sections": spec.SECTIONS}
