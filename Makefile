# The two commands a new user needs: `make run` and `make test`. Both are idempotent.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
# xstatic-bootstrap ships only as a source distribution that builds with setuptools<81.
export PIP_CONSTRAINT := $(CURDIR)/.ci/constraints.txt
export PIP_BUILD_CONSTRAINT := $(CURDIR)/.ci/constraints.txt
export PIP_DISABLE_PIP_VERSION_CHECK := 1
HOST ?= 127.0.0.1
PORT ?= 8000
# Two workers on two cores; tests of one file stay on one worker.
PYTEST_ARGS ?= -n auto --dist loadfile

.PHONY: run worker test lint format messages bench clean-venv compiled-messages

$(VENV)/.installed: pyproject.toml .ci/constraints.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade "pip>=25.1"
	$(PIP) install --quiet -e . --group dev
	touch $@

locale/%/LC_MESSAGES/django.mo: locale/%/LC_MESSAGES/django.po
	msgfmt --check-format -o $@ $<

compiled-messages: $(patsubst %.po,%.mo,$(wildcard locale/*/LC_MESSAGES/django.po))

run: $(VENV)/.installed compiled-messages
	$(PY) manage.py migrate --no-input
	$(PY) manage.py load_demo
	@$(PY) manage.py demo_logins
	@# Reminders, digests and clean-ups start on schedule beside the server, and stop with it.
	trap 'kill %1 2>/dev/null' EXIT; $(PY) manage.py scheduler & $(PY) manage.py runserver $(HOST):$(PORT)

# Background tasks and scheduled jobs, for a deployment that sets TASKS_BACKEND=database
# (production does by default). `make run` needs none: there tasks run inside the request.
worker: $(VENV)/.installed compiled-messages
	$(PY) manage.py migrate --no-input
	$(PY) manage.py worker

test: $(VENV)/.installed compiled-messages
	$(PY) manage.py makemigrations --check --dry-run > /dev/null
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

messages: $(VENV)/.installed
	$(PY) manage.py makemessages --locale es --locale en --no-location --no-obsolete --no-wrap --ignore '.venv/*' --ignore 'tests/*'
	msgattrib --clear-fuzzy --empty --no-wrap -o locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po
	msgen --no-wrap -o locale/en/LC_MESSAGES/django.po locale/en/LC_MESSAGES/django.po
	$(MAKE) compiled-messages

bench: $(VENV)/.installed compiled-messages
	$(PY) -m tests.bench.run $(BENCH_ARGS)

clean-venv:
	rm -rf $(VENV)

# 100 logged-in students at once against gunicorn on the bench data set (tests/bench/load.py).
.PHONY: load
load: $(VENV)/.installed compiled-messages
	$(PY) -m tests.bench.load $(LOAD_ARGS)
