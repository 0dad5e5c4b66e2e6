"""A model serializer's output read straight from ``values()`` rows, for the read endpoints.

Building a model instance per row, prefetching into instances and running every serializer
field's machinery costs several times the queries themselves. ``RowReader`` asks the serializer
what it shows (its fields stay the one description, for the schema and for writes) and reads
just that: the columns of the page as dicts, each nested list (a reverse foreign key or a
many-to-many field shown by slug) in one more query for the whole page. Each field's own
``to_representation`` turns a value into JSON, so the output is the serializer's, key for key.

Fields that are not columns (a model property) are given as ``Computed``: the columns they
read, something worked out once per request (today's date) and a function of the row and it.
"""

from dataclasses import dataclass

from rest_framework import relations, serializers


@dataclass(frozen=True)
class Computed:
    """A read-only field worked out from other columns of the row."""

    columns: tuple
    per_request: object  # () -> value shared by every row of one request
    value: object  # (row, shared) -> the field's value


def column_name(model, name, source):
    """The ``values()`` name of a serializer source: the id column of a foreign key."""
    if source == "*" or "." in source:
        raise TypeError(f"RowReader reads columns only: give {name!r} as Computed.")
    field = model._meta.get_field(source)
    return field.attname if field.many_to_one else field.name


class RowReader:
    """The columns and nested lists of one serializer over its model."""

    def __init__(self, serializer, computed=None):
        self.model = serializer.Meta.model
        self.computed = computed or {}
        self.fields = []  # (name, column name, converter or None)
        self.nested = []  # (name, ReverseList or SlugList)
        for name, field in serializer.fields.items():
            if name in self.computed:
                continue
            if isinstance(field, serializers.ListSerializer):
                self.nested.append((name, ReverseList(self.model, field)))
            elif isinstance(field, relations.ManyRelatedField):
                self.nested.append((name, SlugList(self.model, field)))
            else:
                self.fields.append(
                    (name, column_name(self.model, name, field.source), converter(field))
                )
        self.order = list(serializer.fields)

    def columns(self):
        names = {column for _, column, _ in self.fields}
        for computed in self.computed.values():
            names.update(computed.columns)
        return sorted(names | {self.model._meta.pk.attname})

    def values(self, queryset):
        """``queryset`` as the dicts the reader needs (no prefetching, no instances)."""
        return queryset.prefetch_related(None).values(*self.columns())

    def represent(self, rows):
        """The serializer's output for ``rows`` (dicts from ``values``), nested lists included."""
        pk = self.model._meta.pk.attname
        ids = [row[pk] for row in rows]
        lists = {name: nested.by_parent(ids) for name, nested in self.nested}
        shared = {name: computed.per_request() for name, computed in self.computed.items()}
        output = []
        for row in rows:
            item = {}
            for name, column, convert in self.fields:
                value = row[column]
                item[name] = value if convert is None or value is None else convert(value)
            for name in lists:
                item[name] = lists[name].get(row[pk], [])
            for name, computed in self.computed.items():
                item[name] = computed.value(row, shared[name])
            output.append({name: item[name] for name in self.order})
        return output


def converter(field):
    """None where the value is its own JSON (text, numbers, booleans, ids), else the field's
    ``to_representation``."""
    if (
        isinstance(
            field,
            (relations.PrimaryKeyRelatedField, serializers.BooleanField, serializers.IntegerField),
        )
        and getattr(field, "pk_field", None) is None
    ):
        return None
    if type(field).to_representation is serializers.CharField.to_representation:
        return None
    return field.to_representation


class ReverseList:
    """A nested serializer of the rows pointing to the parent (``partners`` from ``parties``)."""

    def __init__(self, model, field):
        relation = model._meta.get_field(field.source)
        self.model = relation.related_model
        self.parent = relation.field.attname
        self.reader = RowReader(field.child)

    def by_parent(self, ids):
        rows = list(
            self.model._default_manager.filter(**{f"{self.parent}__in": ids}).values(
                self.parent, *self.reader.columns()
            )
        )
        grouped = {}
        for row, item in zip(rows, self.reader.represent(rows), strict=True):
            grouped.setdefault(row[self.parent], []).append(item)
        return grouped


class SlugList:
    """A many-to-many field shown by a slug of the related rows, in their default order."""

    def __init__(self, model, field):
        relation = model._meta.get_field(field.source)
        self.through = relation.remote_field.through
        self.parent = relation.m2m_field_name()
        self.target = relation.m2m_reverse_field_name()
        slug = field.child_relation.slug_field
        self.slug = f"{self.target}__{slug}"
        self.ordering = [f"{self.target}__{name}" for name in relation.related_model._meta.ordering]

    def by_parent(self, ids):
        rows = (
            self.through._default_manager.filter(**{f"{self.parent}_id__in": ids})
            .order_by(*self.ordering)
            .values_list(f"{self.parent}_id", self.slug)
        )
        grouped = {}
        for parent, slug in rows:
            grouped.setdefault(parent, []).append(slug)
        return grouped
