from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render

from coeval.web.core.authorization import has_permission
from coeval.web.core.decorators import permission_required
from coeval.web.core.permissions import Permission
from coeval.web.glossary import actions, services
from coeval.web.glossary.forms import ProposeTermForm, ReviewTermForm
from coeval.web.glossary.models import Term, TermStatus


def load_programme(programme_id):
    from coeval.web.programmes.models import Programme

    return get_object_or_404(Programme, pk=programme_id)


def load_term(term_id):
    return get_object_or_404(Term.objects.select_related("programme", "proposed_by"), pk=term_id)


@permission_required(Permission.SIGN_IN_PAGES)
def index(request):
    programmes = services.programmes_with_glossary(request.user)
    if len(programmes) == 1:
        return redirect("glossary:programme", programme_id=programmes[0].pk)
    return render(request, "glossary/index.html", {"programmes": programmes})


@permission_required(Permission.GLOSSARY_VIEW, load=load_programme)
def programme_glossary(request, programme):
    query = request.GET.get("q", "").strip()
    can_approve = has_permission(request.user, Permission.GLOSSARY_APPROVE, programme)
    return render(
        request,
        "glossary/glossary.html",
        {
            "programme": programme,
            "query": query,
            "letters": services.terms_by_letter(programme, query),
            "waiting": services.waiting_for_review(programme) if can_approve else [],
            "my_proposals": services.proposals_by(request.user, programme),
        },
    )


@permission_required(Permission.GLOSSARY_PROPOSE, load=load_programme)
def propose(request, programme):
    form = ProposeTermForm(request.POST or None, programme=programme)
    if request.method == "POST" and form.is_valid():
        term = actions.propose_term(
            request.user,
            programme,
            form.cleaned_data["term"],
            form.cleaned_data["definition"],
            also_known_as=form.cleaned_data["also_known_as"],
            note=form.cleaned_data["note"],
        )
        messages.success(
            request,
            f"Thank you. “{term.term}” has been sent to the facilitators. "
            "It will appear in the glossary when they approve it.",
        )
        return redirect("glossary:programme", programme_id=programme.pk)
    return render(request, "glossary/propose.html", {"programme": programme, "form": form})


@permission_required(Permission.GLOSSARY_APPROVE, load=load_term)
def review(request, term):
    initial = {
        "term": term.term,
        "also_known_as": term.also_known_as,
        "definition": term.definition,
        "review_note": term.review_note,
    }
    form = ReviewTermForm(
        request.POST or None, programme=term.programme, term=term, initial=initial
    )
    if request.method == "POST":
        decision = request.POST.get("decision", "")
        if decision not in (TermStatus.APPROVED, TermStatus.REJECTED):
            decision = TermStatus.APPROVED
        # Rejecting needs no valid wording: only the note matters then.
        if decision == TermStatus.REJECTED or form.is_valid():
            wording = (
                {k: form.cleaned_data[k] for k in ("term", "also_known_as", "definition")}
                if decision == TermStatus.APPROVED
                else {}
            )
            actions.review_term(
                request.user,
                term,
                decision=decision,
                wording=wording,
                note=request.POST.get("review_note", "").strip(),
            )
            messages.success(
                request,
                f"“{term.term}” is now in the glossary."
                if decision == TermStatus.APPROVED
                else f"“{term.term}” was not accepted.",
            )
            return redirect("glossary:programme", programme_id=term.programme_id)
    return render(
        request, "glossary/review.html", {"programme": term.programme, "term": term, "form": form}
    )
