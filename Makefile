# CCHC site generator. `make serve` to start, `make test` to run every test.
# Targets keep Pelican's quickstart names (html, clean, regenerate, serve,
# devserver, publish) and add install, test, check.

PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PELICAN := $(BIN)/pelican
INPUTDIR := content
OUTPUTDIR := output
CONFFILE := pelicanconf.py
PUBLISHCONF := publishconf.py
BIND ?= 127.0.0.1
PORT ?= 8000
PELICANOPTS ?=
PYTEST_ARGS ?=
PERIOD ?=
REPORTOPTS ?=

.PHONY: help install install-test system-test-deps html clean regenerate serve devserver publish test check lint report screenshots

help:
	@echo "make serve       cài đặt (lần đầu), dựng trang mẫu vào output/ và mở tại http://$(BIND):$(PORT)"
	@echo "make html        dựng trang vào output/"
	@echo "make devserver   dựng lại mỗi khi lưu tệp và phục vụ trang"
	@echo "make check       kiểm tra nội dung (lỗi nội dung làm lệnh thất bại)"
	@echo "make test        cài những gì bộ kiểm thử cần và chạy toàn bộ kiểm thử"
	@echo "make publish     dựng bản xuất bản với publishconf.py"
	@echo "make report PERIOD=2026-Q1   báo cáo chỉ tiêu tin, bài (tháng 2026-03, quý 2026-Q1, 6 tháng 2026-H1, năm 2026) vào reports/"
	@echo "make screenshots chụp trang chủ và một trang tin (360 px, 1280 px) vào docs/screenshots/"
	@echo "make clean       xóa output/"

$(VENV)/.installed: requirements.txt constraints.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed requirements-test.txt constraints.txt package.json package-lock.json
	$(BIN)/python -m pip install --quiet -r requirements-test.txt -c constraints.txt
	npm ci --no-audit --no-fund --silent
	touch $@

install: $(VENV)/.installed

install-test: $(VENV)/.installed-test system-test-deps

system-test-deps:
	@bash scripts/install-system-deps.sh

html: install
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) --fatal errors $(PELICANOPTS)

clean:
	rm -rf $(OUTPUTDIR)

regenerate: install
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: html
	$(PELICAN) -l $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b $(BIND) -p $(PORT)

devserver: install
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) -b $(BIND) -p $(PORT) $(PELICANOPTS)

publish: install
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(PUBLISHCONF) --fatal errors $(PELICANOPTS)

check: install
	$(PELICAN) $(INPUTDIR) -o $$(mktemp -d) -s $(CONFFILE) --fatal errors -q $(PELICANOPTS)

# Quota report: prints the table, writes reports/<PERIOD>/; fails (non-zero) unless every quota is met.
report: install
	$(BIN)/python -m plugins.quota_report $(PERIOD) --settings $(CONFFILE) $(REPORTOPTS)

lint: install-test
	$(BIN)/ruff check .

test: install-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Screenshots for the README, taken by the browser tests from the built sample site.
screenshots: install-test
	SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/browser/test_screenshots.py
