"""PDF rendering with WeasyPrint: Django templates to bytes, reading only the project's own
static files and the units' letterhead logos.

The URL fetcher is the safety boundary. Templates escape user text, so a title such as
``<img src="file:///etc/passwd">`` is printed as text; should anything still ask for a
resource, only files under ``static/`` (the stylesheets and the shipped fonts) and the PNG and
JPEG pictures in ``MEDIA_ROOT/logos/`` (checked when uploaded, ``partners.logos``) are read: no
signed scan or other media file, no other ``file://`` path, no ``http``, no ``data:``. Fonts
come from ``static/fonts/`` so a document looks the same on every machine and embeds them.

Every render in a process shares one font configuration (``SharedFonts``). Long documents
(the report) are rendered in parts on all cores and joined with pypdf.
"""

import atexit
import gc
import io
import logging
import mimetypes
import multiprocessing
import multiprocessing.util
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher, URLFetcherResponse

from partners import logos

PDF_CONTENT_TYPE = "application/pdf"
logger = logging.getLogger(__name__)


def static_root():
    """The directory whose files a PDF may use: the project's own ``static/``."""
    return Path(settings.BASE_DIR, "static").resolve()


def static_base_url():
    """Relative URLs in the PDF templates ("kemitraan/pdf-document.css") resolve here."""
    return static_root().as_uri() + "/"


def logo_root():
    """The folder of the units' letterhead logos, the one media folder a PDF may read."""
    return Path(settings.MEDIA_ROOT, logos.LOGO_FOLDER).resolve()


def logo_url(unit):
    """The ``file://`` URL of a unit's letterhead logo for a PDF template, or "" for none."""
    if not unit.letterhead_logo:
        return ""
    return Path(settings.MEDIA_ROOT, unit.letterhead_logo.name).resolve().as_uri()


class StaticFilesFetcher(URLFetcher):
    """Fetches ``file://`` URLs inside ``static/`` and the logos' folder (pictures only) and
    refuses everything else."""

    def fetch(self, url, headers=None):
        path = self.allowed_path(url)
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})

    @staticmethod
    def allowed_path(url):
        """The static file ``url`` names; ValueError for any other URL."""
        parts = urlsplit(url)
        if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
            raise ValueError(f"Only the project's static files may be read, not {url!r}")
        path = Path(unquote(parts.path)).resolve()
        allowed = path.is_relative_to(static_root()) or (
            path.is_relative_to(logo_root()) and path.suffix.lower() in logos.LOGO_EXTENSIONS
        )
        if not allowed or not path.is_file():
            raise ValueError(f"Not a static file or logo of the project: {url!r}")
        return path


class SharedFonts:
    """The process's WeasyPrint font configuration, made on first use and then kept.

    Left to itself WeasyPrint makes one per document: it loads fontconfig's configuration,
    registers the shipped ``@font-face`` fonts again and starts Pango's font matching cold, a
    cost that grows with the fonts installed on the machine. Pango's font map is not safe to
    share between threads (``runserver`` serves each request in a thread), so renders in one
    process take turns. A forked process (the report's rendering processes) starts its own:
    what it inherited may have been in use by another thread at the fork. It keeps the
    inherited one referenced, since dropping it would delete the font files of the parent
    (``FontConfiguration`` removes its temporary folder when it is collected). Its own goes
    at exit, while Pango is still there: left to the interpreter's teardown it crashes it.
    """

    def __init__(self):
        self._lock = threading.Lock()
        self._config = None
        self._inherited = []
        os.register_at_fork(after_in_child=self._after_fork)
        atexit.register(self.close)

    def _after_fork(self):
        self._lock = threading.Lock()
        if self._config is not None:
            self._inherited.append(self._config)
            self._config = None

    def close(self):
        """Drop this process's configuration; its temporary font files go with it."""
        self._config = None

    @contextmanager
    def config(self):
        """The font configuration, for this thread alone until the block ends."""
        with self._lock:
            if self._config is None:
                self._config = FontConfiguration()
            yield self._config


FONTS = SharedFonts()

# A line in each shipped face the documents use, to load them before the first document.
WARM_UP_HTML = """<link rel="stylesheet" href="kemitraan/pdf-fonts.css">
<p style="font-family: 'Kemitraan Serif'">Nota Kesepahaman <b>PIHAK PERTAMA</b></p>
<p style="font-family: 'Kemitraan Sans'">Keaslian dokumen <b>1</b></p>"""


def html_to_pdf(html):
    """Render an HTML string (from a project template) to PDF bytes."""
    document = HTML(string=html, base_url=static_base_url(), url_fetcher=StaticFilesFetcher())
    with FONTS.config() as font_config:
        return document.write_pdf(font_config=font_config)


def warm_up():
    """Load WeasyPrint's fonts and code paths in a server process before its first request,
    so that the first document it serves costs what the others do (``kemitraan.wsgi``)."""
    html_to_pdf(WARM_UP_HTML)


def render_pdf(template_name, context):
    """Render a Django template to PDF bytes."""
    return html_to_pdf(render_to_string(template_name, context))


def worker_count():
    """Processes for rendering parts (``PDF_RENDER_PROCESSES``, at least one)."""
    return max(1, settings.PDF_RENDER_PROCESSES)


class InProcess:
    """Runs the jobs of ``workers()`` one after the other, in this process."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    @staticmethod
    def map(function, *iterables):
        return map(function, *iterables)


def workers(jobs):
    """A pool of forked processes for ``jobs`` parallel jobs (in-process for one job or core).

    Forked workers start at once with Django and WeasyPrint loaded; they only turn HTML into
    PDF and never touch the database. ``pool.map`` hands each job to a worker as soon as it is
    made, so the parent prepares the next part while the workers render.
    """
    count = min(worker_count(), jobs)
    if count <= 1:
        return InProcess()
    return ProcessPoolExecutor(
        max_workers=count,
        mp_context=multiprocessing.get_context("fork"),
        initializer=start_rendering_process,
    )


def start_rendering_process():
    """Set up a rendering process: rare garbage collection; its fonts go when it ends (it
    leaves through ``os._exit``, which skips ``atexit``)."""
    collect_garbage_rarely()
    multiprocessing.util.Finalize(None, FONTS.close, exitpriority=0)


def collect_garbage_rarely():
    """Set up a rendering process: WeasyPrint makes and drops objects by the million, and
    Python's cyclic garbage collector, run every 700 new objects, costs about a tenth of the
    render. A worker lives for one report, so it collects rarely while rendering (and once
    after each part, see ``render_part``) and never looks at what it inherited from its
    parent (``gc.freeze``)."""
    gc.freeze()
    gc.set_threshold(100_000, 50, 100)


def render_part(html):
    """One part of a long document; in a rendering process, what it leaves behind is
    collected before the next part, so memory stays within one part."""
    try:
        return html_to_pdf(html)
    finally:
        if multiprocessing.parent_process() is not None:
            gc.collect()


def render_parts(html_parts, count, expected_pages=None):
    """Render ``count`` HTML parts on all cores and join them, in order, into one PDF.

    ``expected_pages`` is the number of pages the parts were laid out to fill (their page
    numbers say "of" that number); should WeasyPrint need more, a warning is logged.
    """
    with workers(count) as pool:
        parts = list(pool.map(render_part, html_parts))
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    if expected_pages is not None and len(writer.pages) != expected_pages:
        logger.warning("PDF laid out for %d pages took %d", expected_pages, len(writer.pages))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
