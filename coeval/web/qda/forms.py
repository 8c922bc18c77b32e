from django import forms

from coeval.qualitative.documents import MAX_IMPORT_BYTES, SUPPORTED_EXTENSIONS
from coeval.web.core.forms import DateInput, NhsFormMixin
from coeval.web.qda import models as m
from coeval.web.qda.services import code_choices

_HEX = r"^#[0-9A-Fa-f]{6}$"


class ProjectForm(NhsFormMixin, forms.Form):
    name = forms.CharField(
        label="Project name", max_length=200, error_messages={"required": "Enter a project name"}
    )
    description = forms.CharField(
        label="What the analysis is about", widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    approach = forms.ChoiceField(
        label="Approach to analysis",
        choices=m.Approach.choices,
        initial=m.Approach.REFLEXIVE,
        widget=forms.RadioSelect,
        help_text=(
            "Most teams use reflexive thematic analysis. Choose codebook if several people "
            "code with a fixed codebook and want to check how consistently they apply it."
        ),
    )


class SettingsForm(ProjectForm):
    show_agreement = forms.BooleanField(
        label="Show inter-coder agreement scores in this reflexive project",
        required=False,
        help_text=(
            "Off by default. In reflexive thematic analysis each person's reading is a resource, "
            "not an error to be measured, so agreement scores are not a test of quality. "
            "Codebook projects always show them."
        ),
    )


class UploadForm(NhsFormMixin, forms.Form):
    file = forms.FileField(
        label="Transcript file",
        help_text="Word (.docx), OpenDocument (.odt), PDF, text, HTML, Markdown, or captions "
        "(.vtt, .srt). Speaker labels such as “Interviewer:” or “P1:” are found automatically.",
        error_messages={"required": "Choose a transcript file to upload"},
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(SUPPORTED_EXTENSIONS)}),
    )
    names = forms.CharField(
        label="Names to replace",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Optional: names of people or places in the transcript, one on each line. "
        "Common first names, titled names and speaker names are found anyway.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError(
                f"The file is larger than {MAX_IMPORT_BYTES // (1024 * 1024)} MB. Split the "
                "transcript into parts."
            )
        return upload


DECISIONS = [("accept", "Replace"), ("edit", "Replace with my own text"), ("reject", "Keep")]


class ReviewForm(NhsFormMixin, forms.Form):
    """One decision per proposed pseudonym; nothing is saved until every one is decided."""

    name = forms.CharField(label="Transcript name", max_length=200)
    keep_original = forms.BooleanField(
        label="Also keep the original text, with the real names",
        required=False,
        help_text="Only if your data agreement allows it. Without it, the real names are not "
        "stored anywhere.",
    )

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.proposals = proposals
        for index, proposal in enumerate(proposals):
            self.fields[f"decision_{index}"] = forms.ChoiceField(
                label=f"“{proposal['original']}”",
                choices=DECISIONS,
                initial="accept",
                widget=forms.RadioSelect,
            )
            self.fields[f"replacement_{index}"] = forms.CharField(
                label=f"Replacement for “{proposal['original']}”",
                initial=proposal["replacement"],
                required=False,
                max_length=200,
                widget=forms.TextInput(attrs={"class": "nhsuk-input nhsuk-u-width-one-half"}),
            )

    def rows(self):
        return [
            (proposal, self[f"decision_{i}"], self[f"replacement_{i}"])
            for i, proposal in enumerate(self.proposals)
        ]

    def clean(self):
        cleaned = super().clean()
        for index in range(len(self.proposals)):
            decision = cleaned.get(f"decision_{index}")
            if decision == "edit" and not (cleaned.get(f"replacement_{index}") or "").strip():
                self.add_error(
                    f"replacement_{index}",
                    "Type the replacement text, or choose Keep to leave the original",
                )
        return cleaned

    def decisions(self):
        return [
            (self.cleaned_data[f"decision_{i}"], self.cleaned_data.get(f"replacement_{i}", ""))
            for i in range(len(self.proposals))
        ]


class ApplyCodesForm(NhsFormMixin, forms.Form):
    start = forms.IntegerField(label="From character", min_value=0)
    end = forms.IntegerField(label="To character", min_value=1)
    codes = forms.TypedMultipleChoiceField(
        label="Codes to apply",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one code to apply"},
    )

    def __init__(self, *args, project=None, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Applying codes is the hottest path: the view passes just the posted codes it found.
        self.fields["codes"].choices = choices if choices is not None else code_choices(project)

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start is not None and end is not None and end <= start:
            self.add_error("end", "Select some text: the end must come after the start")
        return cleaned


class CodeForm(NhsFormMixin, forms.ModelForm):
    color = forms.RegexField(
        label="Colour",
        regex=_HEX,
        initial="#005eb8",
        widget=forms.TextInput(attrs={"type": "color"}),
        error_messages={"invalid": "Choose a colour"},
    )

    class Meta:
        model = m.Code
        fields = ["name", "parent", "color", "description"]
        labels = {"name": "Code name", "parent": "Put it under", "description": "Description"}
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"name": {"required": "Enter a name for the code"}}

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        parents = project.codes.all()
        if self.instance.pk:
            parents = parents.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = parents
        self.fields["parent"].empty_label = "Nothing (a top-level code)"
        self.fields["parent"].required = False


class MergeForm(NhsFormMixin, forms.Form):
    into = forms.ModelChoiceField(
        label="Merge into",
        queryset=m.Code.objects.none(),
        error_messages={"required": "Choose the code to merge into"},
    )

    def __init__(self, *args, code, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["into"].queryset = code.project.codes.exclude(pk=code.pk)


class SplitForm(NhsFormMixin, forms.Form):
    new_name = forms.CharField(
        label="Name of the new code",
        max_length=200,
        error_messages={"required": "Enter a name for the new code"},
    )
    codings = forms.ModelMultipleChoiceField(
        label="Codings that move to the new code",
        queryset=m.Coding.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one coding to move"},
    )

    def __init__(self, *args, code, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codings"].queryset = code.codings.all()


class MemoForm(NhsFormMixin, forms.Form):
    text = forms.CharField(
        label="Memo",
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Write the memo"},
    )


class CaseForm(NhsFormMixin, forms.Form):
    name = forms.CharField(
        label="Case name",
        max_length=200,
        help_text="A participant or group, for example “P3” or “Focus group 2”. Use pseudonyms.",
        error_messages={"required": "Enter a name for the case"},
    )
    documents = forms.ModelMultipleChoiceField(
        label="Transcripts where this case speaks",
        queryset=m.Document.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, project, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["documents"].queryset = project.documents.defer("plain_text", "original_text")
        self.variables = list(project.variables.all())
        values = {}
        if case is not None:
            values = {v.variable_id: v.value for v in case.values.all()}
            self.initial.setdefault("name", case.name)
            self.initial.setdefault("documents", list(case.documents.all()))
        for variable in self.variables:
            key = f"var_{variable.pk}"
            field = _variable_field(variable)
            field.initial = values.get(variable.pk, "")
            self.fields[key] = field
        # The mixin styled the fields it saw at construction; style the added ones too.
        for name in [f"var_{v.pk}" for v in self.variables]:
            widget = self.fields[name].widget
            css = "nhsuk-select" if isinstance(widget, forms.Select) else "nhsuk-input"
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
            if self.fields[name].help_text:
                widget.attrs["aria-describedby"] = f"id_{name}-hint"

    def values(self):
        return {v: self.cleaned_data.get(f"var_{v.pk}", "") for v in self.variables}


def _variable_field(variable):
    label = variable.name
    hint = variable.description
    if variable.name == "IMD quintile":
        return forms.TypedChoiceField(
            label=label,
            help_text=hint,
            required=False,
            coerce=str,
            choices=[("", "Not recorded")] + [(str(i), str(i)) for i in range(1, 6)],
        )
    if variable.type == m.Variable.Type.INTEGER:
        return forms.IntegerField(label=label, help_text=hint, required=False)
    if variable.type == m.Variable.Type.FLOAT:
        return forms.FloatField(label=label, help_text=hint, required=False)
    if variable.type == m.Variable.Type.BOOLEAN:
        return forms.ChoiceField(
            label=label,
            help_text=hint,
            required=False,
            choices=[("", "Not recorded"), ("true", "Yes"), ("false", "No")],
        )
    if variable.type == m.Variable.Type.DATE:
        return forms.DateField(
            label=label,
            help_text=hint,
            required=False,
            widget=DateInput(),
        )
    return forms.CharField(label=label, help_text=hint, required=False, max_length=200)


class ThemeForm(NhsFormMixin, forms.Form):
    name = forms.CharField(
        label="Theme name",
        max_length=200,
        error_messages={"required": "Enter a name for the theme"},
    )
    definition = forms.CharField(
        label="Definition",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What the theme is about, its central organising concept, and its boundaries. "
        "A theme needs a definition before it can be marked defined.",
    )
    codes = forms.ModelMultipleChoiceField(
        label="Codes that make up the theme",
        queryset=m.Code.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    extracts = forms.ModelMultipleChoiceField(
        label="Supporting extracts",
        queryset=m.Selection.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Extracts coded with the theme's codes. Choose those that show it best.",
    )

    def __init__(self, *args, project, theme=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["codes"].queryset = project.codes.all()
        extracts = m.Selection.objects.filter(document__project=project).select_related("document")
        if theme is not None:
            extracts = extracts.filter(codings__code__in=theme.codes.all()).distinct()
            self.initial.setdefault("name", theme.name)
            self.initial.setdefault("definition", theme.definition)
            self.initial.setdefault("codes", list(theme.codes.all()))
            self.initial.setdefault("extracts", list(theme.extracts.all()))
        else:
            extracts = extracts.none()
        self.fields["extracts"].queryset = extracts
        self.fields["extracts"].label_from_instance = lambda s: (
            f"{s.document.name}: “{s.document.plain_text[s.start : s.end][:140]}”"
        )


class JournalForm(NhsFormMixin, forms.Form):
    text = forms.CharField(
        label="New journal entry",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Your assumptions, reactions and decisions, and how they shape the analysis.",
        error_messages={"required": "Write the journal entry"},
    )


class PhaseForm(NhsFormMixin, forms.Form):
    phase = forms.ChoiceField(
        label="Which phase is the analysis in now?",
        choices=m.Phase.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a phase"},
    )


class AcceptCandidateForm(NhsFormMixin, forms.Form):
    name = forms.CharField(
        label="Name for the candidate theme",
        max_length=200,
        error_messages={"required": "Give the theme a name of your own"},
    )
    guids = forms.CharField(widget=forms.HiddenInput)


class ImportForm(NhsFormMixin, forms.Form):
    file = forms.FileField(
        label="REFI-QDA project file (.qdpx)",
        help_text="Exported from coeval, NVivo, ATLAS.ti, MAXQDA or QualCoder.",
        error_messages={"required": "Choose a .qdpx file"},
        widget=forms.ClearableFileInput(attrs={"accept": ".qdpx"}),
    )
