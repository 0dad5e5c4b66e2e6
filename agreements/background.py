"""Large reports handed to a background job by the app that ``settings.REPORT_JOB_HANDLER``
names (``notifications.report_jobs.start_if_large``), so that agreements never imports it.
Without the setting every report is built in the request, as before."""

from django.conf import settings
from django.utils.module_loading import import_string


def report_job_response(request, report, file_format, params=None):
    """The response that hands ``report`` to a background job, or None to build it now.

    ``params`` are the report's query parameters (the page and the API): the job builds the
    report from them again. Without them (the admin) the job keeps the agreements of
    ``report`` as they are now.
    """
    handler = getattr(settings, "REPORT_JOB_HANDLER", "")
    if not handler:
        return None
    return import_string(handler)(request, report, file_format, params)
