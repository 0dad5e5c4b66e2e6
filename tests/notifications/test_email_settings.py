"""E-mail settings from EMAIL_URL or the usual EMAIL_* variables; the console by default."""

from kemitraan.environment import email_settings

ALL = (
    "EMAIL_URL",
    "EMAIL_HOST",
    "EMAIL_PORT",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "EMAIL_USE_TLS",
    "EMAIL_USE_SSL",
    "EMAIL_BACKEND",
)


def configured(monkeypatch, **environment):
    for name in ALL:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return email_settings()


def test_the_console_by_default(monkeypatch):
    assert configured(monkeypatch) == {
        "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"
    }


def test_an_smtp_url_with_starttls(monkeypatch):
    found = configured(
        monkeypatch, EMAIL_URL="smtp+tls://kemitraan:rahasia%40123@mail.example.go.id:587"
    )
    assert found["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (found["EMAIL_HOST"], found["EMAIL_PORT"], found["EMAIL_USE_TLS"]) == (
        "mail.example.go.id",
        587,
        True,
    )
    assert (found["EMAIL_HOST_USER"], found["EMAIL_HOST_PASSWORD"]) == ("kemitraan", "rahasia@123")


def test_the_usual_variables_alone_and_over_the_url(monkeypatch):
    alone = configured(
        monkeypatch, EMAIL_HOST="smtp.kpu.go.id", EMAIL_PORT="465", EMAIL_USE_SSL="1"
    )
    assert alone["EMAIL_BACKEND"] == "django.core.mail.backends.smtp.EmailBackend"
    assert (alone["EMAIL_HOST"], alone["EMAIL_PORT"], alone["EMAIL_USE_SSL"]) == (
        "smtp.kpu.go.id",
        465,
        True,
    )
    over = configured(
        monkeypatch, EMAIL_URL="smtp://mail.example.go.id:25", EMAIL_HOST_PASSWORD="dari-variabel"
    )
    assert (over["EMAIL_HOST"], over["EMAIL_HOST_PASSWORD"]) == (
        "mail.example.go.id",
        "dari-variabel",
    )
