from django import forms

from coeval.web.briefs.models import BriefFormat
from coeval.web.core.forms import NhsFormMixin


class BriefForm(NhsFormMixin, forms.Form):
    format = forms.ChoiceField(
        label="Kind of brief",
        choices=BriefFormat.choices,
        help_text="A board brief fits on 2 pages. A public summary is scored for how easy "
        "it is to read.",
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    key_messages = forms.CharField(
        label="Key messages",
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="One message on each line. Use numbers only from the outputs you include.",
    )
    recommendations = forms.CharField(
        label="Recommendations",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="One recommendation on each line: what should change, and for whom.",
    )


class ApprovalForm(NhsFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="Your decision",
        choices=[("approve", "Approve and release"), ("return", "Send back for changes")],
        error_messages={"required": "Choose approve or send back"},
    )
    note = forms.CharField(
        label="Note for the team",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Needed when you send it back: say what to change.",
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("decision") == "return" and not cleaned.get("note", "").strip():
            self.add_error("note", "Say what the team should change")
        return cleaned
