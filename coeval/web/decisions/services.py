"""Read-side queries: a team's log, follow-ups due, and the knowledge mobilisation map."""

import datetime

from django.db.models import Prefetch
from django.utils import timezone

from coeval.web.core.authorization import has_permission, teams_for
from coeval.web.core.permissions import Permission
from coeval.web.decisions.models import Decision, FollowUp

DUE_SOON_DAYS = 30


def _decisions():
    return Decision.objects.select_related("team").prefetch_related(
        "briefs", "impacts", Prefetch("follow_ups", queryset=FollowUp.objects.order_by("due_on"))
    )


def team_log(team) -> dict:
    today = timezone.localdate()
    decisions = list(_decisions().filter(team=team))
    open_follow_ups = [f for d in decisions for f in d.follow_ups.all() if f.is_open]
    return {
        "team": team,
        "decisions": decisions,
        "follow_ups": sorted(open_follow_ups, key=lambda f: f.due_on),
        "today": today,
        "soon": today + datetime.timedelta(days=DUE_SOON_DAYS),
    }


def follow_ups_for(user) -> list[FollowUp]:
    """Open follow-ups of the user's teams that are due within a month or overdue."""
    team_ids = teams_for(user)
    if not team_ids:
        return []
    soon = timezone.localdate() + datetime.timedelta(days=DUE_SOON_DAYS)
    return list(
        FollowUp.objects.filter(
            decision__team_id__in=team_ids, done_at__isnull=True, due_on__lte=soon
        )
        .select_related("decision__team")
        .order_by("due_on")
    )


def home_page_part(user) -> dict:
    return {"decision_follow_ups": follow_ups_for(user), "decision_today": timezone.localdate()}


# --- The knowledge mobilisation map ----------------------------------------------------

_COLUMNS = (10, 330, 650)
_BOX_W, _BOX_H, _GAP = 290, 40, 12


def _short(text: str, limit: int = 40) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def chains(programme, user=None) -> list[dict]:
    """Every evidence → decision → impact chain in the programme, team by team."""
    decisions = (
        _decisions()
        .filter(team__cohort__programme=programme)
        .order_by("team__name", "decided_on", "id")
    )
    out = []
    for decision in decisions:
        evidence = [
            {"label": f"Brief: {b.title} (v{b.version})", "brief": b} for b in decision.briefs.all()
        ] + [{"label": f"Output: {o.get('title') or o.get('id')}"} for o in decision.outputs]
        out.append(
            {
                "team": decision.team,
                "decision": decision,
                "evidence": evidence,
                "impacts": list(decision.impacts.all()),
                "can_open": user is not None
                and has_permission(user, Permission.TEAM_VIEW, decision.team),
            }
        )
    return out


def map_layout(rows: list[dict]) -> dict:
    """Boxes and links for the SVG drawing of the chains (the table beside it says the same)."""
    boxes, links, y = [], [], 40
    for row in rows:
        left = row["evidence"] or [{"label": "No evidence recorded"}]
        right = [{"label": _short(i.what_changed)} for i in row["impacts"]] or [
            {"label": "No impact recorded yet"}
        ]
        height = max(len(left), len(right), 1) * (_BOX_H + _GAP)
        middle_y = y + (height - _BOX_H - _GAP) / 2
        decision_label = _short(f"{row['team'].name}: {row['decision'].decision}")
        boxes.append({"x": _COLUMNS[1], "y": middle_y, "label": decision_label, "kind": "decision"})
        for column, items, kind in ((0, left, "evidence"), (2, right, "impact")):
            for index, item in enumerate(items):
                by = y + index * (_BOX_H + _GAP)
                boxes.append(
                    {"x": _COLUMNS[column], "y": by, "label": _short(item["label"]), "kind": kind}
                )
                if column == 0:
                    links.append(
                        (_COLUMNS[0] + _BOX_W, by + _BOX_H / 2, _COLUMNS[1], middle_y + _BOX_H / 2)
                    )
                else:
                    links.append(
                        (_COLUMNS[1] + _BOX_W, middle_y + _BOX_H / 2, _COLUMNS[2], by + _BOX_H / 2)
                    )
        y += height + _GAP
    return {
        "width": _COLUMNS[2] + _BOX_W + 10,
        "height": max(y, 80),
        "boxes": boxes,
        "links": [{"x1": a, "y1": b, "x2": c, "y2": d} for a, b, c, d in links],
        "box_w": _BOX_W,
        "box_h": _BOX_H,
    }  # fmt: skip


def knowledge_map(programme, user) -> dict:
    from coeval.web.briefs.models import Brief, BriefState

    rows = chains(programme, user)
    used = {b.pk for row in rows for b in row["decision"].briefs.all()}
    waiting = (
        Brief.objects.filter(team__cohort__programme=programme, state=BriefState.RELEASED)
        .exclude(pk__in=used)
        .select_related("team")
        .order_by("team__name", "title")
    )
    return {
        "programme": programme,
        "rows": rows,
        "layout": map_layout(rows),
        "waiting_briefs": list(waiting),
        "impact_count": sum(len(r["impacts"]) for r in rows),
    }
