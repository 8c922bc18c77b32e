import datetime

from django import forms

from coeval.web.briefs import sources
from coeval.web.briefs.models import Brief, BriefState
from coeval.web.core.forms import DateInput, NhsFormMixin
from coeval.web.core.roles import ALL_ROLE_CHOICES
from coeval.web.decisions.models import HEAT_DIMENSIONS


def six_months_after(day: datetime.date) -> datetime.date:
    month = day.month + 6
    year = day.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    return day.replace(year=year, month=month, day=min(day.day, 28))


class DecisionForm(NhsFormMixin, forms.Form):
    forum = forms.CharField(
        label="Where was it decided?",
        max_length=200,
        help_text="For example: Place-based partnership board, or the service's management team.",
        error_messages={"required": "Enter where the decision was made"},
    )
    decided_on = forms.DateField(
        label="Date of the decision",
        widget=DateInput(),
        error_messages={
            "required": "Enter the date of the decision",
            "invalid": "Enter a real date",
        },
    )
    decision = forms.CharField(
        label="What was decided?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what was decided"},
    )
    options_considered = forms.CharField(
        label="Which options were considered?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="One option on each line, including the ones not chosen.",
    )
    briefs = forms.ModelMultipleChoiceField(
        label="Which released briefs informed it?",
        queryset=Brief.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    outputs = forms.MultipleChoiceField(
        label="Which analysis outputs informed it?",
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    present_roles = forms.MultipleChoiceField(
        label="Who was there?",
        choices=ALL_ROLE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Tick each role that was in the room.",
    )
    present_note = forms.CharField(
        label="Anyone else who was there", max_length=300, required=False,
        help_text="For example: 2 local councillors, the practice manager.",
    )  # fmt: skip
    review_due_on = forms.DateField(
        label="When should the effect on inequalities be reviewed?",
        required=False,
        widget=DateInput(),
        help_text="The HEAT review, 6 to 12 months after the decision. "
        "Leave empty for 6 months after the decision.",
        error_messages={"invalid": "Enter a real date"},
    )

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["briefs"].queryset = Brief.objects.filter(
            team=team, state=BriefState.RELEASED
        ).order_by("title", "-version")
        self.fields["briefs"].label_from_instance = lambda b: f"{b.title} (version {b.version})"
        self.output_titles = {e.source_id: e.title for e in sources.analysis_outputs(team)}
        self.fields["outputs"].choices = list(self.output_titles.items())

    def clean(self):
        cleaned = super().clean()
        decided, review = cleaned.get("decided_on"), cleaned.get("review_due_on")
        if decided and review and review <= decided:
            self.add_error("review_due_on", "The review must be after the decision")
        return cleaned

    def decision_data(self) -> dict:
        data = dict(self.cleaned_data)
        data["outputs"] = [
            {"id": key, "title": self.output_titles.get(key, "")} for key in data["outputs"]
        ]
        data["review_due_on"] = data["review_due_on"] or six_months_after(data["decided_on"])
        return data


class ImpactForm(NhsFormMixin, forms.Form):
    what_changed = forms.CharField(
        label="What changed in the service?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Enter what changed"},
    )
    groups = forms.CharField(
        label="For which groups?",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Who it changed things for, such as men in the most deprived fifth of areas.",
        error_messages={"required": "Enter which groups it changed things for"},
    )
    dimensions = forms.MultipleChoiceField(
        label="Which kinds of inequality does it touch?",
        choices=HEAT_DIMENSIONS,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    observed_on = forms.DateField(
        label="When was the change seen?",
        widget=DateInput(),
        error_messages={
            "required": "Enter when the change was seen",
            "invalid": "Enter a real date",
        },
    )


class FollowUpDoneForm(NhsFormMixin, forms.Form):
    outcome = forms.CharField(
        label="What did the review find?",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Say what the review found"},
    )
