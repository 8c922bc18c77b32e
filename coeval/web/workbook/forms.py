"""Small forms around the workbook: comments, reviews, advice, sign-off and import.

Section content itself is read by ``content.parse`` because its fields come from the
section spec, not from a Form class.
"""

import json

from django import forms

from coeval.web.core.forms import NhsFormMixin
from coeval.web.workbook.models import CommentKind


class CommentForm(NhsFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Is this a comment or a suggestion for a change?",
        choices=CommentKind.choices,
        initial=CommentKind.SUGGESTION,
        widget=forms.RadioSelect(attrs={"class": "nhsuk-radios__input"}),
    )
    text = forms.CharField(
        label="Your comment or suggestion",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write your comment or suggestion"},
    )


class AdoptForm(NhsFormMixin, forms.Form):
    revision = forms.TypedChoiceField(
        label="Which change did it lead to?",
        coerce=int,
        error_messages={"required": "Choose the change it led to"},
    )
    we_did = forms.CharField(
        label="What we did",
        help_text="Say in a sentence what changed because of it.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Say what you did"},
    )

    def __init__(self, *args, revisions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["revision"].choices = [("", "Choose a change")] + [
            (r.number, f"Revision {r.number} by {r.author_name}: {r.note or 'saved'}")
            for r in revisions
        ]


class ReviewForm(NhsFormMixin, forms.Form):
    outcome = forms.ChoiceField(
        label="Your decision",
        choices=[
            ("reviewed", "Reviewed: the team should act on my feedback"),
            ("agreed", "Agreed: this section is ready for the plan"),
        ],
        widget=forms.RadioSelect(attrs={"class": "nhsuk-radios__input"}),
        error_messages={"required": "Choose reviewed or agreed"},
    )
    feedback = forms.CharField(
        label="Feedback for the team",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write your feedback for the team"},
    )


class AdviceForm(NhsFormMixin, forms.Form):
    subject = forms.CharField(
        label="Your question in a few words",
        max_length=200,
        error_messages={"required": "Write your question in a few words"},
    )
    text = forms.CharField(
        label="More detail",
        help_text="What have you tried, and what do you need to decide?",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Give some detail so that an adviser can help"},
    )


class ReplyForm(NhsFormMixin, forms.Form):
    text = forms.CharField(
        label="Your reply",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Write your reply"},
    )


class FaqForm(NhsFormMixin, forms.Form):
    asked = forms.CharField(
        label="The question, as others would ask it",
        help_text="Take out anything that names a team or a person.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "Write the question"},
    )
    answer = forms.CharField(
        label="The answer",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Write the answer"},
    )


class DecisionForm(NhsFormMixin, forms.Form):
    decision = forms.ChoiceField(
        label="The steering group's decision",
        choices=[("approve", "Approve the plan"), ("return", "Return it to the team for changes")],
        widget=forms.RadioSelect(attrs={"class": "nhsuk-radios__input"}),
        error_messages={"required": "Choose approve or return"},
    )
    note = forms.CharField(
        label="The decision as recorded",
        help_text="Who decided, at which meeting, and any conditions.",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": "Record the decision"},
    )


class ImportForm(NhsFormMixin, forms.Form):
    file = forms.FileField(
        label="Plan file (JSON)",
        help_text="A file saved from “Download as JSON” on a coeval plan.",
        error_messages={"required": "Choose the plan file to import"},
    )

    MAX_BYTES = 2 * 1024 * 1024

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > self.MAX_BYTES:
            raise forms.ValidationError("The file is larger than 2 MB, so it is not a plan export")
        try:
            document = json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            where = f" (line {error.lineno})" if isinstance(error, json.JSONDecodeError) else ""
            raise forms.ValidationError(
                f"The file is not valid JSON{where}. Download the plan again and retry."
            ) from None
        from coeval.web.workbook.exchange import ImportProblem, read_document

        try:
            read_document(document)
        except ImportProblem as problem:
            raise forms.ValidationError(str(problem)) from None
        return document
