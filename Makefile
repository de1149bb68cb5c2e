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
	@echo "make import-procedures FILE=thu-tuc.json   nhập thủ tục hành chính từ tệp xuất của CSDL quốc gia (JSON hoặc CSV) vào content/thu-tuc/"
	@echo "make new KIND=tin TITLE=\"...\"   tạo bài mới theo mẫu (KIND: tin, dien-hinh, phe-binh, thu-tuc)"
	@echo "make devserver   xem trước: dựng lại khi lưu tệp, trình duyệt tự tải lại, lỗi hiện bằng tiếng Việt"
	@echo "make check       kiểm tra toàn bộ nội dung và kế hoạch trong vài giây, không dựng trang"
	@echo "make test        cài những gì bộ kiểm thử cần và chạy toàn bộ kiểm thử"
	@echo "make publish     dựng, kiểm tra và xuất bản lên máy chủ (DRY_RUN=1: chỉ xem những gì sẽ thay đổi)"
	@echo "make rollback    quay trang đang chạy về phiên bản xuất bản trước"
	@echo "make report PERIOD=2026-Q1   báo cáo chỉ tiêu tin, bài (tháng 2026-03, quý 2026-Q1, 6 tháng 2026-H1, năm 2026) vào reports/"
	@echo "make screenshots chụp trang chủ và một trang tin (360 px, 1280 px) vào docs/screenshots/"
	@echo "make bench N=2000 đo thời gian dựng trang (so với Pelican thuần và Hugo) vào bench/results.md"
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

# Editors' workflow (plugins/editor_workflow). Preview: rebuilds on save into a
# temporary folder, reloads the browser, shows content errors; drafts at /ban-nhap/.
devserver: install
	$(BIN)/python -m plugins.editor_workflow --settings $(CONFFILE) --content $(INPUTDIR) serve --bind $(BIND) --port $(PORT)

# make new KIND=tin|dien-hinh|phe-binh|thu-tuc TITLE="..." [AREA=the-che] [UNIT=van-phong] [DATE="01/12/2026 07:00"]
# (make passes command-line variables in the environment, so any title works unquoted by the shell.)
.PHONY: new
new: install
	$(BIN)/python -m plugins.editor_workflow --settings $(CONFFILE) --content $(INPUTDIR) new

# Publishing (README, "Publishing"): build with publishconf.py into a fresh staging
# folder, check, precompress, upload beside the live version, switch in one step.
# DRY_RUN=1 only shows what would change. Target and SITEURL: .env (.env.example).
PUBLISH_WORKDIR ?= cache/publish
publish: install
	$(BIN)/python -m deploy publish --content $(INPUTDIR) --settings $(PUBLISHCONF) --workdir $(PUBLISH_WORKDIR) $(if $(filter-out 0 no false,$(DRY_RUN)),--dry-run)

.PHONY: rollback
rollback: install
	$(BIN)/python -m deploy rollback --settings $(PUBLISHCONF) --workdir $(PUBLISH_WORKDIR)

# Reads and validates all content and the plan as a build would, writes nothing, lists every problem.
check: install
	$(BIN)/python -m plugins.editor_workflow --settings $(CONFFILE) --content $(INPUTDIR) check

# Quota report: prints the table, writes reports/<PERIOD>/; fails (non-zero) unless every quota is met.
report: install
	$(BIN)/python -m plugins.quota_report $(PERIOD) --settings $(CONFFILE) $(REPORTOPTS)

# Procedures from an export of the national database (a JSON list or a CSV with the portal's
# labels) into content/thu-tuc/; a file an editor changed is never overwritten. OUT=folder writes elsewhere.
.PHONY: import-procedures
import-procedures: install
	@test -n "$(FILE)" || { echo "Cách dùng: make import-procedures FILE=duong-dan/thu-tuc.json (hoặc .csv)"; exit 2; }
	$(BIN)/python -m plugins.procedures.importer "$(FILE)" --settings $(CONFFILE) $(if $(OUT),--out "$(OUT)")

lint: install-test
	$(BIN)/ruff check .

test: install-test
	$(BIN)/ruff check .
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Benchmarks (not tests; README, "Benchmarks"): plain Pelican, Hugo (if installed) and our build,
# cold, warm and after one edit, on N generated items, then SCALE items; table in bench/results.md.
N ?= 2000
SCALE ?= 10000
REPEAT ?= 5
.PHONY: bench
bench: install
	$(BIN)/python -m bench.run --items $(N) --scale $(SCALE) --repeat $(REPEAT)

# Screenshots for the README, taken by the browser tests from the built sample site.
screenshots: install-test
	SCREENSHOTS=1 $(BIN)/python -m pytest -q tests/browser/test_screenshots.py
