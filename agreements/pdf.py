"""PDF rendering with WeasyPrint: Django templates to bytes, reading only the project's own
static files.

The URL fetcher is the safety boundary. Templates escape user text, so a title such as
``<img src="file:///etc/passwd">`` is printed as text; should anything still ask for a
resource, only files under ``static/`` (the stylesheets and the shipped fonts) are read:
no other ``file://`` path, no ``http``, no ``data:``. Fonts come from ``static/fonts/`` so a
document looks the same on every machine and embeds them.

Long documents (the report) are rendered in parts on all cores and joined with pypdf; the page
furniture that needs the final page count ("Halaman X dari Y") is drawn afterwards on every page
by a page frame of its own.
"""

import io
import mimetypes
import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

PDF_CONTENT_TYPE = "application/pdf"


def static_root():
    """The directory whose files a PDF may use: the project's own ``static/``."""
    return Path(settings.BASE_DIR, "static").resolve()


def static_base_url():
    """Relative URLs in the PDF templates ("kemitraan/pdf-document.css") resolve here."""
    return static_root().as_uri() + "/"


class StaticFilesFetcher(URLFetcher):
    """Fetches ``file://`` URLs inside ``static/`` and refuses everything else."""

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
        root = static_root()
        path = Path(unquote(parts.path)).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            raise ValueError(f"Not a static file of the project: {url!r}")
        return path


def html_to_pdf(html):
    """Render an HTML string (from a project template) to PDF bytes."""
    document = HTML(string=html, base_url=static_base_url(), url_fetcher=StaticFilesFetcher())
    return document.write_pdf()


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
    return ProcessPoolExecutor(max_workers=count, mp_context=multiprocessing.get_context("fork"))


def framed(part, frame_html):
    """A rendered part with its page frame drawn over each page."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(part)))
    frame_pages = PdfReader(io.BytesIO(html_to_pdf(frame_html))).pages
    for page, frame_page in zip(writer.pages, frame_pages, strict=True):
        page.merge_page(frame_page)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def render_in_parts(html_parts, count, frame_template, frame_context):
    """Render ``count`` HTML parts on all cores and join them into one numbered PDF.

    The parts cannot number their own pages ("Halaman X dari Y") since no part knows how many
    pages the others take. Once all are laid out, ``frame_template`` draws that furniture:
    it gets the page numbers of one part (``pages``) and the ``total``, and renders one empty
    page per number, merged over the part's pages, again in parallel.
    """
    with workers(count) as pool:
        parts = list(pool.map(html_to_pdf, html_parts))
        sizes = [len(PdfReader(io.BytesIO(part)).pages) for part in parts]
        starts = [sum(sizes[:index]) + 1 for index in range(len(sizes))]
        frames = [render_to_string(frame_template, {
            **frame_context, "pages": range(start, start + size), "total": sum(sizes)})
            for start, size in zip(starts, sizes)]
        parts = list(pool.map(framed, parts, frames))
    writer = PdfWriter()
    for part in parts:
        writer.append(PdfReader(io.BytesIO(part)))
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
