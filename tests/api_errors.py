"""Assertions on the API's error format, shared by the API tests."""


def assert_error(response, status, code):
    """The answer has the API's error format: {"detail", "code"[, "errors"]}."""
    assert response.status_code == status, getattr(response, "data", response)
    assert response.data["code"] == code
    assert isinstance(response.data["detail"], str) and response.data["detail"]


def error_codes(response):
    """For a 400 answer: {field: [codes]}."""
    assert_error(response, 400, "invalid")
    return {
        field: [item["code"] for item in items] for field, items in response.data["errors"].items()
    }
