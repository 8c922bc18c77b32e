"""Background rendering of brief PDFs (run by the worker, with progress)."""

from django.utils import timezone

from coeval.web.briefs import exporters
from coeval.web.briefs.models import BriefExport


def render_pdf(progress, *, export_id: int) -> dict:
    export = BriefExport.objects.select_related("brief__team").get(pk=export_id)
    progress.update(0.1, "Drawing the charts")
    html = exporters.brief_html(export.brief, for_pdf=True)
    progress.update(0.5, "Laying out the pages")
    pdf = exporters.html_to_pdf(html)
    filename = exporters.filename(export.brief, "pdf")
    BriefExport.objects.filter(pk=export_id).update(
        content=pdf, filename=filename, finished_at=timezone.now()
    )
    progress.update(1.0, "The PDF is ready")
    return {"export_id": export_id, "bytes": len(pdf)}
