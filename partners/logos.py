"""The logo on a unit's letterhead (kop surat): PNG or JPEG, small, stored under an unguessable
name in ``MEDIA_ROOT/logos/`` (the one media folder the PDF renderer may read), deleted once no
unit names it any more (``kemitraan.uploads``), shown in the admin form as a picture."""

import base64
import uuid

from django.contrib.admin.widgets import AdminFileWidget
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from PIL import Image, UnidentifiedImageError

from kemitraan.uploads import UnusedFiles

LOGO_FOLDER = "logos"
LOGO_MAX_BYTES = 1024 * 1024
# Ample for a logo printed 2.5 cm wide at 300 dpi; a larger picture only slows every PDF.
LOGO_MAX_PIXELS = 2000
# Pillow's format names and the file name endings each may have.
LOGO_FORMATS = {"PNG": (".png",), "JPEG": (".jpg", ".jpeg")}
LOGO_EXTENSIONS = tuple(ending for endings in LOGO_FORMATS.values() for ending in endings)
LOGO_FILES = UnusedFiles("letterhead_logo")


def upload_path(institution, filename):
    """An unguessable name under ``logos/``; the uploaded name is not kept on disk."""
    extension = "png" if filename.lower().endswith(".png") else "jpg"
    return f"{LOGO_FOLDER}/{uuid.uuid4().hex}.{extension}"


def validate_logo(file):
    """Refuse anything but a PNG or JPEG picture of at most ``LOGO_MAX_BYTES`` and
    ``LOGO_MAX_PIXELS`` on each side, whatever its name says."""
    if not file.name.lower().endswith(LOGO_EXTENSIONS):
        raise ValidationError(
            _("The logo must be a PNG or JPEG picture (.png, .jpg)."), code="logo_not_image"
        )
    if file.size > LOGO_MAX_BYTES:
        raise ValidationError(
            _("The logo is %(size)s; the limit is %(limit)s. Save it smaller and upload it again.")
            % {"size": filesizeformat(file.size), "limit": filesizeformat(LOGO_MAX_BYTES)},
            code="logo_too_large",
        )
    picture_format, (width, height) = format_and_size(file)
    if not file.name.lower().endswith(LOGO_FORMATS[picture_format]):
        raise ValidationError(
            _(
                "The file's name does not match its content (%(format)s): "
                "save the logo again as PNG and upload it."
            )
            % {"format": picture_format},
            code="logo_not_image",
        )
    if max(width, height) > LOGO_MAX_PIXELS:
        raise ValidationError(
            _(
                "The logo is %(width)d × %(height)d pixels; at most %(limit)d on each side is "
                "needed for print."
            )
            % {"width": width, "height": height, "limit": LOGO_MAX_PIXELS},
            code="logo_too_large",
        )


def format_and_size(file):
    """The format ("PNG" or "JPEG") and (width, height) of a picture; ValidationError for
    anything else."""
    file.seek(0)
    try:
        with Image.open(file) as picture:
            picture_format, size = picture.format, picture.size
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError):
        picture_format = size = None
    finally:
        file.seek(0)
    if picture_format not in LOGO_FORMATS:
        raise ValidationError(
            _("The file is not a PNG or JPEG picture. Save the logo as PNG and upload it again."),
            code="logo_not_image",
        )
    return picture_format, size


def preview(logo):
    """A stored logo as a ``data:`` URL for the admin form (media files are not served), or
    "" if it cannot be read."""
    mime = "image/png" if logo.name.lower().endswith(".png") else "image/jpeg"
    try:
        with logo.open("rb") as file:
            return f"data:{mime};base64,{base64.b64encode(file.read()).decode()}"
    except OSError:
        return ""


class LogoInput(AdminFileWidget):
    """The admin's file input for a logo, showing the stored picture instead of a link to it."""

    template_name = "partners/widgets/logo_input.html"

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["preview"] = preview(value) if self.is_initial(value) else ""
        return context
