"""Every permission in coeval, as one enum of verbs.

Views and templates ask ``has_permission(user, Permission.X, context)``; they
never ask which role somebody holds. Roles (``roles.py``) list permissions.
"""

from enum import StrEnum


class Permission(StrEnum):
    # Signed-in pages with no programme context (home, own profile).
    SIGN_IN_PAGES = "sign_in_pages"

    # Programme, cohorts and teams
    PROGRAMME_CREATE = "programme_create"  # no context: held by any programme manager
    PROGRAMME_VIEW = "programme_view"
    PROGRAMME_MANAGE = "programme_manage"  # create cohorts and teams, edit the programme
    COHORT_VIEW = "cohort_view"
    TEAM_VIEW = "team_view"
    TEAM_EDIT = "team_edit"
    MEMBER_INVITE = "member_invite"
    MEMBER_MANAGE = "member_manage"  # change a member's team role, or remove them
    AUDIT_VIEW = "audit_view"

    # Curriculum
    SESSION_VIEW = "session_view"
    SESSION_MANAGE = "session_manage"
    ATTENDANCE_RECORD = "attendance_record"
    TASK_VIEW = "task_view"
    TASK_EDIT = "task_edit"

    # Resources and shared language
    RESOURCE_VIEW = "resource_view"
    RESOURCE_MANAGE = "resource_manage"
    GLOSSARY_VIEW = "glossary_view"
    GLOSSARY_PROPOSE = "glossary_propose"
    GLOSSARY_APPROVE = "glossary_approve"

    # Connections
    DIRECTORY_VIEW = "directory_view"
    CONNECTION_RECORD = "connection_record"

    # Evaluation workbook
    WORKBOOK_VIEW = "workbook_view"
    WORKBOOK_EDIT = "workbook_edit"
    WORKBOOK_REVIEW = "workbook_review"
    PLAN_SUBMIT = "plan_submit"
    PLAN_APPROVE = "plan_approve"
    ADVICE_ASK = "advice_ask"
    ADVICE_ANSWER = "advice_answer"

    # Data and analyses
    DATASET_VIEW_OUTPUTS = "dataset_view_outputs"  # disclosure-controlled results only
    DATASET_VIEW_ROWS = "dataset_view_rows"  # row-level data and previews: explicit grant only
    DATASET_UPLOAD = "dataset_upload"
    DATA_ACCESS_GRANT = "data_access_grant"
    ANALYSIS_RUN = "analysis_run"

    # Knowledge mobilisation
    BRIEF_EDIT = "brief_edit"
    BRIEF_APPROVE = "brief_approve"
    DECISION_LOG = "decision_log"
    KNOWLEDGE_MAP_VIEW = "knowledge_map_view"

    # Qualitative analysis
    QDA_VIEW = "qda_view"
    QDA_CODE = "qda_code"
    QDA_MANAGE = "qda_manage"

    # The programme's own evaluation
    SURVEY_RESPOND = "survey_respond"
    SURVEY_RESULTS_VIEW = "survey_results_view"
