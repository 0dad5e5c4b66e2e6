"""An e-mail backend for the failure tests: the in-memory outbox, with an SMTP server that is
down for the calls listed in ``FlakySmtpBackend.down_for``."""

import smtplib

from django.core.mail.backends import locmem


class FlakySmtpBackend(locmem.EmailBackend):
    calls = 0
    down_for = set()  # numbers of the send calls (from 1) that fail

    def send_messages(self, messages):
        FlakySmtpBackend.calls += 1
        if FlakySmtpBackend.calls in FlakySmtpBackend.down_for:
            raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")
        return super().send_messages(messages)
