from django import forms

from coeval.web.connections.models import Connection, Profile
from coeval.web.core.forms import DateInput, NhsFormMixin


class ProfileForm(NhsFormMixin, forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["job_title", "organisation", "skills", "interests", "about", "visibility"]
        labels = {
            "job_title": "Job title or role",
            "organisation": "Organisation",
            "skills": "Skills you can share",
            "interests": "What you are interested in",
            "about": "About you",
            "visibility": "Who can see your profile",
        }
        help_texts = {
            "skills": "Separate them with commas, for example: interviews, Excel, running focus groups",
            "interests": "For example: health inequalities, dementia, social prescribing",
            "visibility": "Your name and team role are always shown to people in your programme",
        }
        widgets = {
            "skills": forms.Textarea(attrs={"rows": 2}),
            "interests": forms.Textarea(attrs={"rows": 2}),
            "about": forms.Textarea(attrs={"rows": 4}),
        }


class _PersonChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ConnectionForm(NhsFormMixin, forms.ModelForm):
    class Meta:
        model = Connection
        fields = ["introduced_by", "person", "introduced_to", "about", "made_on", "outcome"]
        labels = {
            "introduced_by": "Who made the introduction",
            "person": "Who was introduced",
            "introduced_to": "Who they were introduced to",
            "about": "What it was about",
            "made_on": "When",
            "outcome": "What came of it",
        }
        help_texts = {
            "about": "For example: advice on getting GP practice data",
            "outcome": "You can add this later, when you know",
        }
        field_classes = {
            "introduced_by": _PersonChoice,
            "person": _PersonChoice,
            "introduced_to": _PersonChoice,
        }
        widgets = {
            "about": forms.Textarea(attrs={"rows": 2}),
            "outcome": forms.Textarea(attrs={"rows": 3}),
            "made_on": DateInput(),
        }

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        ids = [p.pk for p in people]
        for name in ("introduced_by", "person", "introduced_to"):
            field = self.fields[name]
            field.queryset = field.queryset.model.objects.filter(pk__in=ids).order_by("full_name")
            field.empty_label = "Choose a person"
            field.required = True
        self.fields["introduced_by"].error_messages["required"] = "Choose who made the introduction"
        self.fields["person"].error_messages["required"] = "Choose who was introduced"
        self.fields["introduced_to"].error_messages["required"] = (
            "Choose who they were introduced to"
        )
        self.fields["about"].error_messages["required"] = "Say what the introduction was about"
        self.fields["made_on"].error_messages["invalid"] = (
            "Enter a real date, for example 15 9 2026"
        )

    def clean(self):
        cleaned = super().clean()
        by, person, to = (
            cleaned.get("introduced_by"),
            cleaned.get("person"),
            cleaned.get("introduced_to"),
        )
        if person and to and person == to:
            self.add_error("introduced_to", "Choose two different people")
        if by and by in (person, to):
            self.add_error("introduced_by", "The person who introduced them must be someone else")
        return cleaned
