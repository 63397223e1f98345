# SellerDesk — `make help` lists the targets.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000

.DEFAULT_GOAL := help
.PHONY: help install run test test-browser bench lint messages clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-13s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install SellerDesk with the `sellerdesk` command
	@echo "Installed. Run commands as $(BIN)/sellerdesk (or activate $(VENV))."

run: $(STAMP) ## Migrate the embedded database, load demo data on first run, serve on 127.0.0.1:8000
	$(BIN)/sellerdesk migrate --no-input -v 0
	$(BIN)/sellerdesk demo --if-empty
	$(BIN)/sellerdesk serve --host $(HOST) --port $(PORT)

test: $(STAMP) ## Run the test suite (SQLite, or PostgreSQL when DATABASE_URL is set)
	$(BIN)/pytest -n 2 --dist loadfile

test-browser: $(STAMP) ## Only the browser tests (headless Debian Chromium: apt-get install chromium)
	$(BIN)/pytest -m browser tests/browser

bench: $(STAMP) ## Run the benchmarks and print their figures
	$(BIN)/python -m benchmarks

lint: $(STAMP) ## ruff over the code
	$(BIN)/ruff check sellerdesk tests benchmarks

messages: $(STAMP) ## Refresh and compile the ru/en/zh-hans translation catalogs (needs GNU gettext)
	cd sellerdesk && SELLERDESK_DATA_DIR=$(CURDIR)/data ../$(BIN)/sellerdesk makemessages \
		-l ru -l en -l zh_Hans --no-obsolete --ignore "data/*"
	cd sellerdesk && SELLERDESK_DATA_DIR=$(CURDIR)/data ../$(BIN)/sellerdesk compilemessages

clean: ## Remove .venv and caches (keeps ./data)
	rm -rf $(VENV) .pytest_cache .ruff_cache .hypothesis
