# Two commands for a fresh machine: `make run` (the app on SQLite with demo data) and
# `make test` (the test suite; set DATABASE_URL to run it on PostgreSQL).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
MANAGE := DEBUG=1 $(BIN)/python manage.py
PORT ?= 8000

.PHONY: run test setup setup-dev messages clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

setup: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt

setup-dev: $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt

run: setup
	$(MANAGE) migrate --no-input
	$(MANAGE) load_reference_data
	$(MANAGE) load_demo_data
	$(MANAGE) create_demo_users
	@echo "Buka http://127.0.0.1:$(PORT)/ (beranda: yang perlu dikerjakan), /mitra/ (pencarian mitra) atau /admin/ — masuk sebagai 'admin', kata sandi 'kemitraan-demo'."
	$(MANAGE) runserver 127.0.0.1:$(PORT)

test: setup-dev
	KEMITRAAN_TESTING=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

# Refresh the Indonesian catalogue after changing strings, then translate the new entries.
messages: setup-dev
	$(MANAGE) makemessages --locale id --no-obsolete --ignore '$(VENV)/*'
	$(MANAGE) compilemessages --locale id --ignore '$(VENV)/*'

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
