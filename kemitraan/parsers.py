"""The API's JSON parser: bounded in size and in nesting, so no body can exhaust the server."""

import codecs

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions, parsers
from rest_framework.utils import json

from kemitraan.api import PayloadTooLarge


class TooDeep(exceptions.ParseError):
    default_code = "too_deep"


def nesting_depth(data, limit):
    """How deeply lists and objects nest in ``data`` (a scalar is 0), up to ``limit`` + 1."""
    deepest, stack = 0, [(data, 1)]
    while stack:
        value, level = stack.pop()
        if isinstance(value, dict):
            children = value.values()
        elif isinstance(value, list):
            children = value
        else:
            continue
        deepest = max(deepest, level)
        if deepest > limit:
            break
        stack.extend((child, level + 1) for child in children)
    return deepest


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser with two limits DRF does not apply to a JSON body.

    Size: at most DATA_UPLOAD_MAX_MEMORY_SIZE bytes are read (DRF reads the whole stream, past
    Django's limit); a larger body answers 413 ``payload_too_large``. Depth: lists and objects
    nested deeper than JSON_MAX_DEPTH answer 400 ``too_deep`` (Python's parser would exhaust
    its recursion limit at a depth of a few thousand and answer 500).
    """

    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        raw = stream.read() if limit is None else stream.read(limit + 1)
        if limit is not None and len(raw) > limit:
            raise PayloadTooLarge(limit)
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        depth_limit = settings.JSON_MAX_DEPTH
        too_deep = TooDeep(
            _("The JSON body nests lists and objects deeper than %(limit)d levels.")
            % {"limit": depth_limit}
        )
        try:
            data = json.loads(
                codecs.decode(raw, encoding),
                parse_constant=json.strict_constant if self.strict else None,
            )
        except RecursionError:
            raise too_deep from None
        except (ValueError, LookupError) as error:  # bad JSON, bad bytes, unknown charset
            raise exceptions.ParseError(f"JSON parse error - {error}") from error
        if nesting_depth(data, depth_limit) > depth_limit:
            raise too_deep
        return data
