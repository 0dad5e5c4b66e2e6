"""Word search that PostgreSQL answers from its trigram indexes, and plain ``icontains``
elsewhere.

A search matches rows where every word of the text appears in one of the fields, in any case.
Django's ``icontains`` on several fields is an OR of ``UPPER(col) LIKE``, which the planner
answers with a sequential scan once the ORs add up. On PostgreSQL the fields are searched as
one *document*, ``UPPER(f1 || ' ' || f2 …)``: a word holds no space, so it is in the document
exactly when it is in one of the fields, and one GIN trigram index on that expression serves
every word (the indexes: ``agreements/migrations/0007_search_documents.py``; their expressions
must stay those of ``Document``).

With ``typos``, PostgreSQL also takes a word that is not in the document when it is close to a
word of it (``strict_word_similarity`` at least 0.5, pg_trgm's ``<<%``, served by the same
index): "Kementrian Agama" finds "Kementerian Agama". ``similarity`` ranks such matches.
"""

from django.db import connections
from django.db.models import FloatField, Func, Lookup, Q, Value
from django.db.models.functions import Upper


class Document(Func):
    """The fields joined by a space and upper-cased: what the trigram index holds."""

    template = "UPPER(%(expressions)s)"
    arg_joiner = " || ' ' || "


class Like(Lookup):
    """``lhs LIKE rhs`` (the right side holds the pattern, wildcards and all)."""

    lookup_name = "like"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} LIKE {rhs}", [*lhs_params, *rhs_params]


class CloseToWords(Lookup):
    """pg_trgm's ``rhs <<% lhs``: the text on the right is close to a run of words of the
    document on the left (strict word similarity over the threshold, 0.5 by default)."""

    lookup_name = "close_to_words"

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{rhs} <<%% {lhs}", [*rhs_params, *lhs_params]


class Similarity(Func):
    """pg_trgm's ``strict_word_similarity(text, document)``, from 0 to 1."""

    function = "STRICT_WORD_SIMILARITY"
    output_field = FloatField()


def uses_trigrams(queryset):
    return connections[queryset.db].vendor == "postgresql"


def like_pattern(word, connection):
    """``%word%`` with the word's own wildcards escaped, as ``icontains`` escapes them."""
    return Upper(Value(f"%{connection.ops.prep_for_like_query(word)}%"))


def search_words(queryset, value, fields, typos=False):
    """Rows of ``queryset`` where every word of ``value`` appears in one of ``fields`` (any
    case); with ``typos``, on PostgreSQL, a word may instead come close to a word of them."""
    words = value.split()
    if not words:
        return queryset
    if not uses_trigrams(queryset):
        for word in words:
            queryset = queryset.filter(
                Q(*[Q(**{f"{field}__icontains": word}) for field in fields], _connector=Q.OR)
            )
        return queryset
    connection = connections[queryset.db]
    document = Document(*fields)
    for word in words:
        condition = Q(Like(document, like_pattern(word, connection)))
        if typos:
            condition |= Q(CloseToWords(document, Upper(Value(word))))
        queryset = queryset.filter(condition)
    return queryset


def similarity(queryset, value, fields):
    """How close ``value`` comes to ``fields`` (PostgreSQL), or a constant elsewhere."""
    if not uses_trigrams(queryset) or not value.split():
        return Value(0.0, output_field=FloatField())
    return Similarity(Upper(Value(" ".join(value.split()))), Document(*fields))
