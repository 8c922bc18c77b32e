"""Forms for programmes, cohorts, teams and invitations. Messages are written for
the person filling them in: what is wrong and what to do."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.formats import date_format

from coeval.web.core.forms import DateInput, NhsFormMixin
from coeval.web.core.models import User
from coeval.web.core.roles import PROGRAMME_ROLE_CHOICES, TEAM_ROLE_CHOICES
from coeval.web.programmes import services
from coeval.web.programmes.models import Cohort, Programme, Team


class ProgrammeForm(NhsFormMixin, forms.ModelForm):
    class Meta:
        model = Programme
        fields = ["name", "description"]
        labels = {"name": "Programme name", "description": "What the programme is for"}


class CohortForm(NhsFormMixin, forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "starts_on", "ends_on", "description"]
        labels = {
            "name": "Cohort name",
            "starts_on": "Start date",
            "ends_on": "End date",
            "description": "Notes about this cohort",
        }
        help_texts = {
            "name": "For example, Cohort 2 (2026 to 2027)",
            "starts_on": "The day of the first workshop",
            "ends_on": "The day of the dissemination event",
        }
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, programme: Programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        self.fields["starts_on"].required = True
        self.fields["ends_on"].required = True
        self.fields["starts_on"].error_messages["required"] = "Enter the start date"
        self.fields["ends_on"].error_messages["required"] = "Enter the end date"
        self.fields["name"].error_messages["required"] = "Enter a name for the cohort"
        for name in ("starts_on", "ends_on"):
            self.fields[name].error_messages["invalid"] = "Enter a real date, for example 15 9 2026"

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends:
            if ends <= starts:
                self.add_error("ends_on", "The end date must be after the start date")
            else:
                clash = services.clashing_cohort(self.programme, starts, ends, self.instance.pk)
                if clash:
                    self.add_error(
                        "starts_on",
                        f"These dates overlap with {clash.name}, which runs from "
                        f"{date_format(clash.starts_on)} to {date_format(clash.ends_on)}. "
                        "Choose dates that do not overlap.",
                    )
        name = cleaned.get("name")
        if name and services.cohort_name_taken(self.programme, name, self.instance.pk):
            self.add_error("name", f"This programme already has a cohort called {name}")
        return cleaned


class TeamForm(NhsFormMixin, forms.ModelForm):
    class Meta:
        model = Team
        fields = ["name", "service_name", "service_description", "organisations", "population"]
        labels = {
            "name": "Team name",
            "service_name": "Service being evaluated",
            "service_description": "What the service does",
            "organisations": "Organisations involved",
            "population": "Who the service is for",
        }
        help_texts = {
            "organisations": "One on each line, for example the NHS trust, council or charity",
            "population": "The people the service serves, and any groups who may miss out",
        }
        widgets = {
            "service_description": forms.Textarea(attrs={"rows": 3}),
            "organisations": forms.Textarea(attrs={"rows": 3}),
            "population": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].error_messages["required"] = "Enter a name for the team"
        self.fields["service_name"].error_messages["required"] = (
            "Enter the name of the service the team is evaluating"
        )


class TeamRoleForm(NhsFormMixin, forms.Form):
    role = forms.ChoiceField(
        label="Role in the team",
        choices=TEAM_ROLE_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the role they will have"},
        help_text="A public adviser or patient cannot see row-level data: choosing one of "
        "these roles ends any access to it.",
    )


class InvitationForm(NhsFormMixin, forms.Form):
    email = forms.EmailField(
        label="Email address",
        error_messages={
            "required": "Enter the email address of the person you are inviting",
            "invalid": "Enter an email address in the right format, like name@example.org",
        },
    )
    role = forms.ChoiceField(
        label="Role", error_messages={"required": "Choose the role they will have"}
    )

    def __init__(self, *args, programme: Programme, team: Team | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme, self.team = programme, team
        choices = TEAM_ROLE_CHOICES if team else PROGRAMME_ROLE_CHOICES
        self.fields["role"].choices = [("", "Choose a role")] + list(choices)
        self.fields["email"].widget.attrs.update(autocomplete="off", spellcheck="false")
        if team is None:
            self.fields["cohort"] = forms.ModelChoiceField(
                label="Only for one cohort",
                queryset=programme.cohorts.all(),
                required=False,
                empty_label="All cohorts in the programme",
                help_text="Leave as all cohorts unless they support just one cohort",
            )
            self.fields["cohort"].widget.attrs["class"] = "nhsuk-select"

    def clean(self):
        cleaned = super().clean()
        email, role = cleaned.get("email"), cleaned.get("role")
        if email and role:
            problem = services.invitation_problem(
                email.lower(),
                role,
                programme=self.programme,
                team=self.team,
                cohort=cleaned.get("cohort"),
            )
            if problem:
                self.add_error("email", problem)
        return cleaned


class AcceptInvitationForm(NhsFormMixin, forms.Form):
    full_name = forms.CharField(
        label="Your full name",
        max_length=200,
        help_text="This is how other people in the programme will see you",
        error_messages={"required": "Enter your full name"},
    )
    password1 = forms.CharField(
        label="Create a password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text="At least 10 characters. Avoid common words and your name.",
        error_messages={"required": "Create a password"},
    )
    password2 = forms.CharField(
        label="Type the password again",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": "Type the password again"},
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email
        self.fields["full_name"].widget.attrs["autocomplete"] = "name"

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", "The two passwords are different. Type them again.")
        elif first:
            candidate = User(email=self.email, full_name=cleaned.get("full_name", ""))
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned
