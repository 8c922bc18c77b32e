from django import forms
from django.template.defaultfilters import filesizeformat

from coeval.web.core.forms import NhsFormMixin
from coeval.web.curriculum import uploads
from coeval.web.library.models import Topic


class ResourceForm(NhsFormMixin, forms.Form):
    title = forms.CharField(max_length=200, error_messages={"required": "Enter a title"})
    summary = forms.CharField(
        label="Plain-language summary",
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What is it, and who is it useful for? Use short sentences and everyday words.",
        error_messages={"required": "Write a short summary"},
    )
    topics = forms.MultipleChoiceField(
        label="Topics",
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one topic"},
    )
    file = forms.FileField(
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": uploads.ACCEPT_ATTRIBUTE}),
    )
    link = forms.URLField(
        label="Or a link",
        required=False,
        assume_scheme="https",
        max_length=500,
        error_messages={"invalid": "Enter a full web address, starting with https://"},
    )

    def __init__(self, *args, resource=None, **kwargs):
        self.resource = resource
        super().__init__(*args, **kwargs)
        self.fields[
            "file"
        ].help_text = (
            f"{uploads.ALLOWED_LIST}, smaller than {filesizeformat(uploads.max_upload_bytes())}."
        )
        if resource is not None and resource.file:
            self.fields["file"].help_text += " Leave empty to keep the current file."
        self.file_type = None

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload:
            self.file_type = uploads.check_upload(upload)
        return upload

    def clean(self):
        data = super().clean()
        has_file = bool(data.get("file")) or (
            self.resource is not None and bool(self.resource.file) and not data.get("link")
        )
        if not has_file and not data.get("link") and not {"file", "link"} & set(self.errors):
            self.add_error("file", "Choose a file or enter a link")
        elif data.get("file") and data.get("link"):
            self.add_error("link", "Add a file or a link, not both")
        return data
