"""API v1's OpenAPI schema and docs page, and schemathesis fuzzing of the API against that schema.

Schema: /api/v1/schema/ is served to anyone (drf-spectacular's SERVE_PERMISSIONS default, so the
docs page can load it) as a valid OpenAPI 3 document; generating it emits no drf-spectacular
warning, in either language; every operation documents its error answers (401/403 except the
token endpoint, 400 where it takes a body or query parameters, 404 on detail routes, 409 on
DELETE), all with the ErrorResponse schema. Docs: /api/v1/docs/ loads only local static files
(drf-spectacular-sidecar), which exist, and names no other host.

Fuzzing: schemathesis (pytest integration, schema loaded in a fixture from the project's own WSGI
application) runs every operation as the national editor (``Authorization: Token`` from
/api/v1/auth/token/) against the ``world`` fixtures plus a regional MoU and PKS (one a draft):
the coverage phase (boundaries, wrong types, missing fields, unexpected methods and content
types), then ``MAX_EXAMPLES`` hypothesis examples per operation (positive and negative),
derandomized with a fixed seed. Half of the generated ids, codes and body references are
replaced by ones that exist, so requests get past "not found" to validation and the
partnership rules. Each request runs in its own savepoint, as each has its own transaction in
production.

Checks: all of schemathesis's response checks (not_a_server_error, status_code_conformance,
content_type_conformance, response_headers_conformance, response_schema_conformance,
missing_required_header, unsupported_method, allow_header_conformance, ignored_auth; the
stateful ones — use_after_free, ensure_resource_availability, object_level_authorization — have
nothing to act on without the stateful phase), except:

- positive_data_acceptance, excluded: the schema describes shapes, not the partnership rules,
  the election-unit rules, the approver's rights or valid credentials, so a schema-valid request
  rightly answers 400 with a rule code (national_mou_required, owner_not_election_body, …) or 403
  (only an approver records an approval; election units are reference data, superusers only).
- negative_data_rejection, narrowed (negative_data_rejection_narrowed): not applied when the
  query string is what was made invalid — django-filter reads an empty value (``?kind=``) as "no
  filter" and DRF's pagination falls back to the default page on an invalid ``page_size``, both
  answering 200 by design; nor when the body is multipart form data (the file uploads), where
  every value travels as text. JSON bodies and path parameters are still checked.

Problems the fuzzing found, now fixed and kept as regression tests at the end of this module:
an id filter beyond 64 bits (400, not OverflowError on SQLite); an invalid ``cursor`` (400, not
an undocumented 404); a path no route matches (JSON 404); the region code's pattern in the
schema; a NUL byte in a code (400, not DataError on PostgreSQL); id filters typed ``integer``;
text one character over ``maxLength`` with a leading space (trimmed, then accepted: now 400, in
tests/agreements/test_api.py).

pytest 9.2 replaced ``Node._nodeid``, which schemathesis 4.32.5's ``from_fixture`` sets to name
each operation's subtest, by a structured ``Node._id``; a property below gives the old name back.
"""

import collections
import datetime
import html.parser
import re
import zlib

import pytest
import schemathesis
from _pytest import nodes as _pytest_nodes
from _pytest.nodeid import coerce_node_id
from django.conf import settings as django_settings
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.db import close_old_connections, connection, transaction
from django.utils import translation
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.validation import validate_schema
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation.meta import TestPhase
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

from agreements.models import Agreement, Kind, ScopeArea, Status
from kemitraan.wsgi import application
from partners.models import Institution, Region
from tests.conftest import PASSWORD, make_agreement

SCHEMA_URL = "/api/v1/schema/"
DOCS_URL = "/api/v1/docs/"
TOKEN_URL = "/api/v1/auth/token/"
METHODS = ("get", "put", "post", "delete", "patch")
BIGINT_MAX = 2**63 - 1
MAX_EXAMPLES = 30
MIN_CALLS = 10  # per operation, across the phases
SEED = 20240612
ON_SQLITE = connection.vendor == "sqlite"
ON_POSTGRESQL = connection.vendor == "postgresql"

# schemathesis 4.32.5's from_fixture renames the running test through ``Node._nodeid``, which
# pytest 9.2 replaced by a structured ``Node._id``: give it the old name back.
if not hasattr(_pytest_nodes.Node, "_nodeid"):
    _pytest_nodes.Node._nodeid = property(
        lambda node: str(node._id),
        lambda node, value: setattr(node, "_id", coerce_node_id(value)),
    )


# --- The schema --------------------------------------------------------------------------------


@pytest.fixture
def served_schema(client):
    """The schema as /api/v1/schema/ serves it to an anonymous client, as JSON."""
    response = client.get(SCHEMA_URL, HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200, response.content
    return response.json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method in METHODS:
            if method in item:
                yield path, method, item[method]


@pytest.mark.django_db
def test_schema_is_served_to_anyone_as_openapi_3(client, users):
    """The schema (and so the docs page that loads it) needs no sign-in; both formats answer."""
    yaml = client.get(SCHEMA_URL)
    assert yaml.status_code == 200
    assert yaml["Content-Type"].startswith("application/vnd.oai.openapi")
    assert yaml.content.startswith(b"openapi: 3.")
    client.force_login(users.national_viewer)
    as_json = client.get(SCHEMA_URL, HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert as_json.status_code == 200
    assert as_json.json()["openapi"].startswith("3.")


@pytest.mark.django_db
def test_served_schema_is_valid_openapi(served_schema):
    validate_schema(served_schema)  # drf-spectacular's OpenAPI 3.0 JSON schema check
    assert served_schema["info"]["title"] == "Kemitraan API"
    assert {
        "/api/v1/agreements/",
        "/api/v1/institutions/",
        "/api/v1/regions/",
        "/api/v1/auth/token/",
    } <= set(served_schema["paths"])


@pytest.mark.parametrize("language", ["id", "en"])
def test_schema_generation_emits_no_warnings_or_errors(language, capsys):
    GENERATOR_STATS.reset()
    with translation.override(language):
        schema = SchemaGenerator().get_schema(request=None, public=True)
    emitted = capsys.readouterr().err
    assert not GENERATOR_STATS, emitted
    validate_schema(schema)


def test_spectacular_command_validates_without_warnings(tmp_path):
    """The CI form: ``manage.py spectacular --validate --fail-on-warn`` exits cleanly."""
    GENERATOR_STATS.reset()
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    assert target.read_text().startswith("openapi: 3.")


@pytest.mark.django_db
def test_every_operation_documents_its_error_answers(served_schema):
    missing = []
    for path, method, operation in operations(served_schema):
        codes = set(operation["responses"])
        expected = set()
        if path != TOKEN_URL:
            expected |= {"401", "403"}
        takes_input = "requestBody" in operation or any(
            parameter["in"] == "query" for parameter in operation.get("parameters", [])
        )
        if takes_input:
            expected.add("400")
        if "{" in path:
            expected.add("404")
        if method == "delete":
            expected.add("409")
        if not expected <= codes:
            missing.append(f"{method.upper()} {path}: {sorted(expected - codes)}")
    assert not missing


@pytest.mark.django_db
def test_error_answers_use_the_error_schema(served_schema):
    error = served_schema["components"]["schemas"]["ErrorResponse"]
    assert {"detail", "code", "errors"} <= set(error["properties"])
    assert set(error["required"]) == {"detail", "code"}
    item = served_schema["components"]["schemas"]["ErrorItem"]
    assert {"code", "message"} <= set(item["properties"])
    wrong = []
    for path, method, operation in operations(served_schema):
        for code, response in operation["responses"].items():
            if code.startswith("4"):
                schema = response["content"]["application/json"]["schema"]
                if schema != {"$ref": "#/components/schemas/ErrorResponse"}:
                    wrong.append(f"{method.upper()} {path} {code}")
    assert not wrong


@pytest.mark.django_db
def test_token_authentication_is_documented(served_schema):
    token = served_schema["components"]["securitySchemes"]["tokenAuth"]
    assert (token["type"], token["in"], token["name"]) == ("apiKey", "header", "Authorization")
    for path, method, operation in operations(served_schema):
        if path != TOKEN_URL:
            assert {"tokenAuth": []} in operation["security"], f"{method.upper()} {path}"


# --- The docs page -----------------------------------------------------------------------------


class AssetCollector(html.parser.HTMLParser):
    """The URLs a page loads: script src, link href, img src."""

    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name in {
            "script": ["src"],
            "link": ["href"],
            "img": ["src"],
            "iframe": ["src"],
            "source": ["src"],
        }.get(tag, []):
            if attrs.get(name):
                self.urls.append(attrs[name])


@pytest.mark.django_db
def test_docs_page_loads_only_local_static_files(client):
    response = client.get(DOCS_URL)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    page = response.content.decode()
    collector = AssetCollector()
    collector.feed(page)
    assert any(url.endswith("swagger-ui-bundle.js") for url in collector.urls)
    assert any(url.endswith("swagger-ui.css") for url in collector.urls)
    static_url = "/" + django_settings.STATIC_URL.lstrip("/")
    for url in collector.urls:
        assert url.startswith(static_url), url
        assert finders.find(url.removeprefix(static_url).split("?")[0]), f"{url}: no such file"
    # Nothing anywhere on the page (inline script included) names another host.
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", page, re.IGNORECASE)
    for cdn in ("jsdelivr", "unpkg", "cdnjs", "googleapis", "cloudflare"):
        assert cdn not in page
    assert f'url: "{SCHEMA_URL}"' in page


# --- Fuzzing ------------------------------------------------------------------------------------

FUZZ_SETTINGS = dict(  # noqa: C408 (reads as the keyword arguments it is)
    max_examples=MAX_EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    # The schema fixture is function-scoped on purpose: each test gets a fresh world.
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


@pytest.fixture
def fuzz_world(world, users, national_mou, bawaslu_national_mou):
    """The test world with both national MoUs, a regional MoU and PKS under them, one a draft."""
    signed = datetime.date(2024, 3, 1)
    make_agreement(
        world.kpu_kalsel,
        [world.ulm],
        ["penelitian"],
        signed_on=signed,
        approval_reference="12/PY.01-SD/02/2024",
        approved_on=datetime.date(2024, 2, 20),
        title="MoU KPU Provinsi Kalimantan Selatan – Universitas Lambung Mangkurat",
    )
    make_agreement(
        world.kpu_jatim,
        [world.kanwil_kemenag_jatim],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=signed,
        title="PKS KPU Jawa Timur – Kanwil Kemenag",
    )
    make_agreement(
        world.kpu_blitar,
        [world.kemensos],
        ["pendidikan_pemilih"],
        kind=Kind.PKS,
        parent=national_mou,
        signed_on=signed,
        title="PKS KPU Kota Blitar – Kemensos",
    )
    make_agreement(
        world.bawaslu_blitar,
        [world.gp_ansor_kraksaan],
        ["pengawasan_partisipatif"],
        kind=Kind.PKS,
        parent=bawaslu_national_mou,
        signed_on=signed,
        title="PKS Bawaslu Kota Blitar – PC GP Ansor Kota Kraksaan",
    )
    make_agreement(
        world.kpu_banjarmasin,
        [world.kemenag],
        ["sosialisasi"],
        kind=Kind.PKS,
        parent=national_mou,
        status=Status.DRAFT,
        signed_on=None,
        valid_until=None,
        title="Rancangan PKS KPU Kota Banjarmasin – Kemenag",
    )
    return world


@pytest.fixture
def editor_token(users, client):
    """The national editor's key, from the token endpoint."""
    response = client.post(
        TOKEN_URL,
        {"username": users.national_editor.username, "password": PASSWORD},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    return response.json()["token"]


@pytest.fixture
def wsgi_app():
    """The project's WSGI application, serving inside the test's transaction.

    Django's handler closes "old" connections when a request starts and ends, which would close
    the test's connection in the middle of its transaction (PostgreSQL). Like Django's test
    client, keep that receiver off while the application serves (the test client puts it back
    after each of its own requests, so take it off again at every request).
    """

    def app(environ, start_response):
        request_started.disconnect(close_old_connections)
        request_finished.disconnect(close_old_connections)
        return application(environ, start_response)

    yield app
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


class Pools:
    """The ids and codes that exist in the fuzzing world, to draw realistic references from."""

    def __init__(self):
        self.agreements = sorted(Agreement.objects.values_list("pk", flat=True))
        self.institutions = sorted(Institution.objects.values_list("pk", flat=True))
        self.units = sorted(Institution.objects.election_units().values_list("pk", flat=True))
        # Election units are reference data (superusers only): write to partners, and one unit.
        self.writable = sorted(
            Institution.objects.exclude(pk__in=self.units[1:]).values_list("pk", flat=True)
        )
        self.regions = sorted(Region.objects.values_list("code", flat=True))
        self.scopes = sorted(ScopeArea.objects.values_list("code", flat=True))

    def for_path(self, operation):
        """The existing keys an operation's path parameter refers to."""
        if operation.path.startswith("/api/v1/regions/"):
            return self.regions
        if operation.path.startswith("/api/v1/agreements/"):
            return self.agreements
        return self.writable if operation.method.upper() in ("PUT", "PATCH") else self.institutions

    def for_body(self, operation):
        """The existing keys each reference field of an operation's body refers to."""
        if operation.path.startswith("/api/v1/agreements/"):
            return {
                "owner": self.units,
                "parent": self.agreements,
                "renewal_of": self.agreements,
                "institution": self.institutions,
                "scopes": self.scopes,
            }
        return {"parent": self.institutions, "region": self.regions}


def pick(keys, seed):
    """One of ``keys``, the same for the same ``seed`` (a reproducible choice)."""
    return keys[zlib.crc32(repr(seed).encode()) % len(keys)]


def with_existing(data, pools):
    """A strategy of ``data`` (a dict) whose reference fields are either kept as generated or
    replaced by an existing id/code (scopes: by a list of existing scope codes)."""
    if not isinstance(data, dict):
        return st.just(data)
    parts = {}
    for key, value in data.items():
        pool = pools.get(key)
        if key == "partners" and isinstance(value, list):
            parts[key] = st.tuples(*[with_existing(item, pools) for item in value]).map(list)
        elif key == "scopes" and isinstance(value, list):
            parts[key] = st.one_of(st.just(value), st.lists(st.sampled_from(pool), max_size=4))
        elif pool and type(value) is type(pool[0]):
            parts[key] = st.one_of(st.just(value), st.sampled_from(pool))
        else:
            parts[key] = st.just(value)
    return st.fixed_dictionaries(parts)


def replace_references(data, pools, seed):
    """``data`` with its reference fields set to existing ids/codes (the coverage phase's
    counterpart of with_existing)."""
    if not isinstance(data, dict):
        return data
    data = dict(data)
    for key, value in data.items():
        pool = pools.get(key)
        if key == "partners" and isinstance(value, list):
            data[key] = [
                replace_references(item, pools, (seed, index)) for index, item in enumerate(value)
            ]
        elif key == "scopes" and isinstance(value, list):
            data[key] = [pick(pool, (seed, index)) for index, _ in enumerate(value)]
        elif pool and type(value) is type(pool[0]):
            data[key] = pick(pool, (seed, key))
    return data


def load_schema(app, pools):
    """The project's schema, served by the app itself, with hooks that make half of the
    generated references point at rows that exist (so writes reach the partnership rules)."""
    schema = schemathesis.openapi.from_wsgi(
        SCHEMA_URL,
        app,
        config=schemathesis.Config.from_dict(
            {
                "seed": SEED,
                # Examples (none in the schema), then coverage (boundary values, wrong types,
                # missing fields, unexpected methods, wrong content types), then random fuzzing.
                "phases": {"coverage": {"enabled": True}},
            }
        ),
    )

    @schema.hook
    def flatmap_path_parameters(ctx, path_parameters):
        if not path_parameters:
            return st.just(path_parameters)
        keys = pools.for_path(ctx.operation)
        return with_existing(path_parameters, {"id": keys, "code": keys})

    @schema.hook
    def flatmap_body(ctx, body):
        return with_existing(body, pools.for_body(ctx.operation))

    return schema


def aim_at_existing_rows(case, pools):
    """The coverage phase (which the generation hooks do not reach) sends all the cases of an
    operation to one made-up id, with made-up references in the body. Aim its cases whose path
    is valid at existing rows, and half of those whose body is valid at existing references, so
    they get past the 404 and the "does not exist" to the validation and the rules."""
    meta = case.meta
    if meta is None or meta.phase.name != TestPhase.COVERAGE:
        return
    seed = (case.body, case.query)
    if case.path_parameters and not meta.is_negative_at(ParameterLocation.PATH):
        keys = pools.for_path(case.operation)
        for name in case.path_parameters:
            case.path_parameters[name] = pick(keys, seed)
    if (
        isinstance(case.body, dict)
        and not meta.is_negative_at(ParameterLocation.BODY)
        and zlib.crc32(repr(seed).encode()) % 2
    ):
        case.body = replace_references(case.body, pools.for_body(case.operation), seed)


def negative_data_rejection_narrowed(ctx, response, case):
    """``negative_data_rejection``, except when the query string is what was made invalid, or
    the body is multipart form data, where every value travels as text, so that a value of the
    "wrong type" arrives as valid text (see the module docstring)."""
    if case.meta is not None and case.meta.is_negative_at(ParameterLocation.QUERY):
        return None
    if (case.media_type or "").startswith("multipart/"):
        return None
    return negative_data_rejection(ctx, response, case)


EXCLUDED_CHECKS = [positive_data_acceptance, negative_data_rejection]
ADDITIONAL_CHECKS = [negative_data_rejection_narrowed]


@pytest.fixture
def pools(fuzz_world):
    return Pools()


@pytest.fixture
def calls():
    """Responses per operation, to prove each one was really exercised."""
    return collections.Counter()


@pytest.fixture
def api_schema(fuzz_world, wsgi_app, pools, calls):
    schema = load_schema(wsgi_app, pools)

    @schema.hook
    def after_call(ctx, case, response):
        calls[case.operation.label] += 1

    yield schema
    labels = {operation.ok().label for operation in schema.get_all_operations()}
    assert {label: calls[label] for label in labels if calls[label] < MIN_CALLS} == {}


def call_in_own_transaction(case, headers):
    """Send the case; a request that fails on the database is undone alone, as in production
    (where each request has its own transaction) and not the whole test's transaction."""
    savepoint = transaction.savepoint()
    response = None
    try:
        response = case.call(headers=headers)
    finally:
        if response is None or response.status_code >= 500:
            transaction.savepoint_rollback(savepoint)
        else:
            transaction.savepoint_commit(savepoint)
    return response


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.django_db
@settings(**FUZZ_SETTINGS)
@schema.parametrize()
def test_fuzz_api_as_a_national_editor(case, editor_token, pools):
    """Every operation, with generated and realistic data: no server error, and every answer
    (status, content type, headers, body) as the schema documents it."""
    aim_at_existing_rows(case, pools)
    headers = {"Authorization": f"Token {editor_token}"}
    response = call_in_own_transaction(case, headers)
    case.validate_response(
        response,
        headers=headers,
        excluded_checks=EXCLUDED_CHECKS,
        additional_checks=ADDITIONAL_CHECKS,
    )


# --- What the fuzzing found ---------------------------------------------------------------------


@pytest.fixture
def api(client, editor_token):
    """A client signed in with the national editor's token."""
    client.defaults["HTTP_AUTHORIZATION"] = f"Token {editor_token}"
    return client


@pytest.mark.django_db
def test_anonymous_requests_answer_401_with_the_token_challenge(client, served_schema, fuzz_world):
    for path, method, _operation in operations(served_schema):
        if path == TOKEN_URL:
            continue
        url = path.replace("{id}", str(fuzz_world.kemensos.pk)).replace("{code}", "35")
        response = getattr(client, method)(url, content_type="application/json")
        assert response.status_code == 401, f"{method.upper()} {path}"
        assert response["WWW-Authenticate"] == "Token"
        assert response.json()["code"] == "not_authenticated"


# Found by the fuzzing and fixed meanwhile (commit 88c4882): kept as regression tests.


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/api/v1/agreements/999999/"),
        ("get", "/api/v1/agreements/abc/"),
        ("get", "/api/v1/agreements/1.5/"),  # routed: id 1, format "5"
        ("delete", "/api/v1/agreements/999999/"),
        ("patch", "/api/v1/institutions/999999/"),
        ("get", "/api/v1/institutions/999999/eligibility/?body=kpu"),
    ],
)
@pytest.mark.django_db
def test_unknown_id_answers_404_in_the_error_format(api, method, url):
    """Was a 500: error_response called get_full_details() on Django's Http404."""
    response = getattr(api, method)(url, content_type="application/json")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db
def test_partner_is_created_without_body_and_level(api, fuzz_world):
    """Was a 400 "body/level: required" (DRF's validators for the conditional unique
    constraints); API.md: both are null unless an election unit."""
    response = api.post(
        "/api/v1/institutions/",
        {"name": "Karang Taruna Kota Blitar", "category": "civil_society"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.json()
    assert (response.json()["body"], response.json()["level"]) == (None, None)


# Found by the fuzzing and fixed: regression tests.


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/agreements/?owner=99999999999999999999",
        "/api/v1/agreements/?parent=-8.6e129",
        "/api/v1/agreements/?partner=1e30",
        "/api/v1/institutions/?parent=99999999999999999999",
    ],
)
@pytest.mark.django_db
def test_out_of_range_id_filter_is_not_a_server_error(api, url):
    response = api.get(url)
    assert response.status_code in (200, 400)
    assert response["Content-Type"] == "application/json"


@pytest.mark.parametrize("path", ["/api/v1/agreements/", "/api/v1/institutions/"])
@pytest.mark.django_db
def test_invalid_cursor_answers_a_documented_error(api, served_schema, path):
    response = api.get(path, {"cursor": "not-a-cursor"})
    assert str(response.status_code) in served_schema["paths"][path]["get"]["responses"]
    assert response.json()["code"]


@pytest.mark.parametrize("url", ["/api/v1/regions/jawa-timur/", "/api/v1/agreements/1/2/"])
@pytest.mark.django_db
def test_unrouted_api_path_answers_404_in_the_error_format(api, url):
    response = api.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "not_found"


@pytest.mark.django_db
def test_region_code_pattern_is_documented(served_schema):
    parameters = served_schema["paths"]["/api/v1/regions/{code}/"]["get"]["parameters"]
    pattern = next(p for p in parameters if p["name"] == "code")["schema"]["pattern"]
    assert re.search(pattern, "35") and re.search(pattern, "35.72")
    assert not re.search(pattern, "jawa-timur")


@pytest.mark.parametrize("kind", ["region", "scope"])
@pytest.mark.django_db
def test_nul_byte_in_a_code_is_a_client_error(api, fuzz_world, kind):
    if kind == "region":
        field, url, body = (
            "region",
            "/api/v1/institutions/",
            {"name": "Universitas Negeri Malang", "category": "university", "region": "3\x005"},
        )
    else:
        field, url, body = (
            "scopes",
            "/api/v1/agreements/",
            {
                "kind": "mou",
                "title": "MoU KPU RI",
                "owner": fuzz_world.kpu_ri.pk,
                "partners": [{"institution": fuzz_world.karang_taruna.pk}],
                "scopes": ["sos\x00"],
            },
        )
    response = api.post(url, body, content_type="application/json")
    assert response.status_code == 400
    assert any(name.startswith(field) for name in response.json()["errors"])


@pytest.mark.django_db
def test_id_filters_are_documented_as_integers(served_schema):
    types = {}
    for path, names in {
        "/api/v1/agreements/": ["owner", "parent", "partner"],
        "/api/v1/institutions/": ["parent"],
    }.items():
        for parameter in served_schema["paths"][path]["get"]["parameters"]:
            if parameter["name"] in names:
                types[f"{path}?{parameter['name']}"] = parameter["schema"]["type"]
    assert len(types) == 4
    assert set(types.values()) == {"integer"}, types
