"""Files of replaced and removed uploads: the signed scans of agreements, the logos of units.

A file is deleted once the change that dropped it is committed: never while a rollback could
still bring the old row (and its file name) back, and never while another row still names it
(the admin's "save as new" copies the file name).
"""

from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save


class UnusedFiles:
    """Deletes the files of one FileField (``field_name``) that no row names any more."""

    def __init__(self, field_name):
        self.field_name = field_name
        self.remembered = f"_stored_{field_name}"

    def connect(self, model):
        """Follow ``model``'s rows (each proxy model sends its own signals: connect them too)."""
        uid = f"{self.field_name}:{model._meta.label}"
        post_init.connect(self.remember, sender=model, weak=False, dispatch_uid=uid)
        post_save.connect(self.delete_replaced, sender=model, weak=False, dispatch_uid=uid)
        post_delete.connect(self.delete_removed, sender=model, weak=False, dispatch_uid=uid)

    def stored_name(self, instance):
        """The file name as loaded or last saved; None if the field was not loaded."""
        value = instance.__dict__.get(self.field_name)
        return getattr(value, "name", value) or None

    def remember(self, sender, instance, **kwargs):
        """post_init: note which file the row names, to know later whether a save replaced it."""
        setattr(instance, self.remembered, self.stored_name(instance))

    def delete_replaced(self, sender, instance, update_fields=None, **kwargs):
        """post_save: a new file or a cleared one leaves the old file unused."""
        if update_fields is not None and self.field_name not in update_fields:
            return
        old, current = getattr(instance, self.remembered, None), self.stored_name(instance)
        setattr(instance, self.remembered, current)
        if old and old != current:
            self.delete_after_commit(sender, getattr(instance, self.field_name).storage, old)

    def delete_removed(self, sender, instance, **kwargs):
        """post_delete: a deleted row's file goes with it."""
        name = self.stored_name(instance)
        if name:
            self.delete_after_commit(sender, getattr(instance, self.field_name).storage, name)

    def delete_after_commit(self, model, storage, name):
        """Delete the file once the transaction commits, unless another row still names it."""

        def delete():
            if not model._base_manager.filter(**{self.field_name: name}).exists():
                storage.delete(name)

        transaction.on_commit(delete)
