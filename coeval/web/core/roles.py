"""Roles as plain classes that list their permissions.

Programme roles attach to a programme (optionally one cohort of it). Team roles
attach to a team. A team member also holds ``ProgrammeParticipant`` in the rest
of the programme: enough to share the glossary, resources, schedule and
directory, but not another team's work.

``DATASET_VIEW_ROWS`` is in no role: it is granted explicitly to a team
membership (``TeamMembership.data_access_granted_at``), and only to roles whose
``can_be_granted_row_level_data`` is true. Public advisers and patients are full
participants in everything else.
"""

from coeval.web.core.permissions import Permission as P

_PROGRAMME_SHARED = frozenset(
    {
        P.SIGN_IN_PAGES,
        P.PROGRAMME_VIEW,
        P.COHORT_VIEW,
        P.SESSION_VIEW,
        P.RESOURCE_VIEW,
        P.GLOSSARY_VIEW,
        P.GLOSSARY_PROPOSE,
        P.DIRECTORY_VIEW,
        P.CONNECTION_RECORD,
        P.KNOWLEDGE_MAP_VIEW,
        P.SURVEY_RESPOND,
    }
)

_TEAM_WORK = _PROGRAMME_SHARED | {
    P.TEAM_VIEW,
    P.TASK_VIEW,
    P.TASK_EDIT,
    P.WORKBOOK_VIEW,
    P.WORKBOOK_EDIT,
    P.PLAN_SUBMIT,
    P.ADVICE_ASK,
    P.DATASET_VIEW_OUTPUTS,
    P.BRIEF_EDIT,
    P.DECISION_LOG,
    P.QDA_VIEW,
    P.QDA_CODE,
}


class Role:
    key: str = ""
    label: str = ""
    description: str = ""
    permissions: frozenset[P] = frozenset()
    can_be_granted_row_level_data: bool = False


# --- Programme roles -------------------------------------------------------


class ProgrammeManager(Role):
    key = "programme_manager"
    label = "Programme manager"
    description = "Runs the programme: cohorts, teams, invitations, schedule and sign-off."
    permissions = frozenset(
        set(P) - {P.DATASET_VIEW_ROWS, P.DATASET_UPLOAD, P.ANALYSIS_RUN, P.QDA_CODE}
    )


class AcademicFacilitator(Role):
    key = "academic_facilitator"
    label = "Academic facilitator"
    description = "Leads workshops, supports teams and reviews their evaluation plans."
    permissions = _PROGRAMME_SHARED | {
        P.TEAM_VIEW,
        P.TASK_VIEW,
        P.TASK_EDIT,
        P.SESSION_MANAGE,
        P.ATTENDANCE_RECORD,
        P.RESOURCE_MANAGE,
        P.GLOSSARY_APPROVE,
        P.MEMBER_INVITE,
        P.MEMBER_MANAGE,
        P.WORKBOOK_VIEW,
        P.WORKBOOK_REVIEW,
        P.ADVICE_ANSWER,
        P.DATASET_VIEW_OUTPUTS,
        P.BRIEF_APPROVE,
        P.QDA_VIEW,
        P.SURVEY_RESULTS_VIEW,
    }


class MethodologicalExpert(Role):
    key = "methodological_expert"
    label = "Methodological adviser"
    description = "Gives methodological advice on evaluation design, data and analysis."
    permissions = _PROGRAMME_SHARED | {
        P.TEAM_VIEW,
        P.TASK_VIEW,
        P.WORKBOOK_VIEW,
        P.WORKBOOK_REVIEW,
        P.ADVICE_ANSWER,
        P.DATASET_VIEW_OUTPUTS,
        P.QDA_VIEW,
        P.RESOURCE_MANAGE,
    }


# --- Team roles ------------------------------------------------------------


class ProjectLead(Role):
    key = "project_lead"
    label = "Project lead"
    description = "Leads the team's evaluation of its service."
    permissions = _TEAM_WORK | {P.TEAM_EDIT, P.DATASET_UPLOAD, P.ANALYSIS_RUN, P.QDA_MANAGE}
    can_be_granted_row_level_data = True


class Practitioner(Role):
    key = "practitioner"
    label = "Practitioner"
    description = "Works in the service being evaluated."
    permissions = _TEAM_WORK
    can_be_granted_row_level_data = True


class Commissioner(Role):
    key = "commissioner"
    label = "Commissioner"
    description = "Plans and pays for services, and uses the evidence in decisions."
    permissions = _TEAM_WORK
    can_be_granted_row_level_data = True


class Analyst(Role):
    key = "analyst"
    label = "Analyst"
    description = "Prepares and analyses the team's data."
    permissions = _TEAM_WORK | {P.DATASET_UPLOAD, P.ANALYSIS_RUN, P.QDA_MANAGE}
    can_be_granted_row_level_data = True


class Intern(Role):
    key = "intern"
    label = "Intern"
    description = "A funded intern supporting the team's evaluation."
    permissions = _TEAM_WORK | {P.ANALYSIS_RUN}
    can_be_granted_row_level_data = True


class PublicAdviser(Role):
    key = "public_adviser"
    label = "Public adviser"
    description = "Brings lived experience and a public view to every part of the evaluation."
    permissions = _TEAM_WORK


class Patient(Role):
    key = "patient"
    label = "Patient representative"
    description = "Brings the experience of using the service."
    permissions = _TEAM_WORK


class ProgrammeParticipant(Role):
    """Held by every team member across the rest of their programme."""

    key = "programme_participant"
    label = "Programme participant"
    permissions = _PROGRAMME_SHARED


PROGRAMME_ROLES: dict[str, type[Role]] = {
    r.key: r for r in (ProgrammeManager, AcademicFacilitator, MethodologicalExpert)
}
TEAM_ROLES: dict[str, type[Role]] = {
    r.key: r
    for r in (ProjectLead, Practitioner, Commissioner, Analyst, Intern, PublicAdviser, Patient)
}
ALL_ROLES: dict[str, type[Role]] = {**PROGRAMME_ROLES, **TEAM_ROLES}

PROGRAMME_ROLE_CHOICES = [(r.key, r.label) for r in PROGRAMME_ROLES.values()]
TEAM_ROLE_CHOICES = [(r.key, r.label) for r in TEAM_ROLES.values()]
ALL_ROLE_CHOICES = PROGRAMME_ROLE_CHOICES + TEAM_ROLE_CHOICES


def role_label(key: str) -> str:
    role = ALL_ROLES.get(key)
    return role.label if role else key
