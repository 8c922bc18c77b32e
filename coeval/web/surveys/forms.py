from django import forms

from coeval.web.core.forms import NhsFormMixin
from coeval.web.surveys.skills import HIAT, SCALE, SKILLS

_SCALE = [(str(n), str(n)) for n in SCALE]


class CapacityForm(NhsFormMixin, forms.Form):
    """1 is "not at all confident", 10 is "very confident", for each skill."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in SKILLS + HIAT:
            self.fields[key] = forms.ChoiceField(
                label=label,
                choices=_SCALE,
                widget=forms.RadioSelect,
                error_messages={"required": f"Choose a number for: {label.lower()}"},
            )
        self.fields["comment"] = forms.CharField(
            label="Anything else you want to tell us?",
            required=False,
            widget=forms.Textarea(attrs={"rows": 3}),
        )

    def ratings(self) -> dict:
        return {key: int(self.cleaned_data[key]) for key, _ in SKILLS + HIAT}


class FeedbackForm(NhsFormMixin, forms.Form):
    usefulness = forms.ChoiceField(
        label="How useful was this workshop for your evaluation?",
        choices=[
            ("5", "Very useful"),
            ("4", "Useful"),
            ("3", "Quite useful"),
            ("2", "Not very useful"),
            ("1", "Not useful"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how useful the workshop was"},
    )
    confidence_change = forms.ChoiceField(
        label="After the workshop, how confident do you feel about the next steps?",
        choices=[
            ("more", "More confident"),
            ("same", "About the same"),
            ("less", "Less confident"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how confident you feel"},
    )
    went_well = forms.CharField(
        label="What went well?", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    to_change = forms.CharField(
        label="What should we change next time?",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class Gripp2Form(NhsFormMixin, forms.Form):
    aim = forms.CharField(
        label="1. Aim",
        help_text="The aim of involving patients and the public in this evaluation.",
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write the aim"},
    )
    methods = forms.CharField(
        label="2. Methods",
        help_text="How patients and the public were involved: who, in which tasks, how often.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write the methods"},
    )
    results = forms.CharField(
        label="3. Results",
        help_text="What their involvement produced, good and bad.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write the results"},
    )
    outcomes = forms.CharField(
        label="4. Outcomes and influence",
        help_text="What changed because of their involvement.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write the outcomes and influence"},
    )
    reflection = forms.CharField(
        label="5. Critical reflection",
        help_text="What went well, what did not, and what you would do differently. "
        "Write this with the public members of your team.",
        widget=forms.Textarea(attrs={"rows": 6}),
        error_messages={"required": "Write the critical reflection"},
    )
