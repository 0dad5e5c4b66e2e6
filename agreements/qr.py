"""The QR code on a document, opening its public verification page, as inline SVG."""

import itertools

import qrcode


def dark_runs(row):
    """(start, length) of each run of dark modules in a row of a QR code's matrix."""
    start = 0
    for dark, modules in itertools.groupby(row):
        length = len(list(modules))
        if dark:
            yield start, length
        start += length


def qr_svg(url):
    """The QR code of ``url`` as an inline SVG element (no file, nothing to fetch).

    One rectangle per run of dark modules in a row, rather than a square per module: the same
    picture, which WeasyPrint parses and draws in half the time.
    """
    code = qrcode.QRCode(border=2)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()
    path = "".join(
        f"M{start},{y}h{length}v1h-{length}z"
        for y, row in enumerate(matrix)
        for start, length in dark_runs(row)
    )
    size = len(matrix)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {size}">'
        f'<path d="{path}"/></svg>'
    )
