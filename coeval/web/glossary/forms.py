from django import forms

from coeval.web.core.forms import NhsFormMixin
from coeval.web.glossary.models import Term, TermStatus


class TermWordingForm(NhsFormMixin, forms.Form):
    term = forms.CharField(
        max_length=120, error_messages={"required": "Enter the term"}, label="Term"
    )
    also_known_as = forms.CharField(
        label="Other names or abbreviations",
        max_length=300,
        required=False,
        help_text="Separate them with commas. For example: IMD, deprivation index",
    )
    definition = forms.CharField(
        label="What it means, in plain words",
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Write it so that someone new to the programme would understand. "
        "Two or three short sentences is best.",
        error_messages={"required": "Explain what the term means"},
    )

    def __init__(self, *args, programme, term=None, **kwargs):
        self.programme = programme
        self.existing = term
        super().__init__(*args, **kwargs)

    def clean_term(self):
        name = " ".join(self.cleaned_data["term"].split())
        clash = Term.objects.filter(
            programme=self.programme,
            term__iexact=name,
            status__in=[TermStatus.APPROVED, TermStatus.PROPOSED],
        )
        if self.existing is not None:
            clash = clash.exclude(pk=self.existing.pk)
        found = clash.first()
        if found is not None:
            where = (
                "is already in the glossary"
                if found.status == TermStatus.APPROVED
                else "has already been proposed and is waiting for review"
            )
            raise forms.ValidationError(f"“{found.term}” {where}.")
        return name

    def clean_definition(self):
        definition = self.cleaned_data["definition"].strip()
        if len(definition) < 20:
            raise forms.ValidationError(
                "The meaning must be at least 20 characters, so it helps someone new."
            )
        return definition


class ProposeTermForm(TermWordingForm):
    note = forms.CharField(
        label="Where did you meet this term?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="This helps the facilitators. It is not shown in the glossary.",
    )


class ReviewTermForm(TermWordingForm):
    review_note = forms.CharField(
        label="Note to the person who proposed it",
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="Say why, if you do not accept it.",
    )
