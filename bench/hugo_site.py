"""The benchmark corpus as a Hugo site with a minimal theme, for comparison only.

Hugo reads front matter, not Pelican's ``Key: value`` header, so each file's
header is rewritten as YAML (every value quoted) above the same Markdown
body. The layouts are the least a comparable site needs: a base page, an item
page, lists (sections, categories, tags) paginated ten a page, and a home page.
"""

from __future__ import annotations

import json
from pathlib import Path

from plugins.vntext.text import vn_slugify

FOLDERS = ("tin", "dien-hinh", "phe-binh", "thu-tuc", "pages")

CONFIG = """baseURL = "http://127.0.0.1:1313/"
languageCode = "vi"
title = "Cải cách hành chính"
disableKinds = ["RSS"]
paginate = 10
[taxonomies]
  category = "categories"
  tag = "tags"
"""

LAYOUTS = {
    "_default/baseof.html": """<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ block "title" . }}{{ .Site.Title }}{{ end }}</title></head>
<body><header><a href="{{ "/" | relURL }}">{{ .Site.Title }}</a></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "title" }}{{ .Title }} – {{ .Site.Title }}{{ end }}
{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p><time datetime="{{ .Date.Format "2006-01-02T15:04:05-07:00" }}">{{ .Date.Format "02/01/2006" }}</time> · {{ .Params.unit }}</p>
{{ .Content }}
<p>{{ range .Params.tags }}<a href="{{ printf "/tags/%s/" (urlize .) | relURL }}">{{ . }}</a> {{ end }}</p>
</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1>
{{ $paginator := .Paginate .Pages }}
<ul>{{ range $paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Date.Format "02/01/2006" }}<p>{{ .Summary }}</p></li>{{ end }}</ul>
{{ if $paginator.HasPrev }}<a href="{{ $paginator.Prev.URL }}">Trang trước</a>{{ end }}
{{ if $paginator.HasNext }}<a href="{{ $paginator.Next.URL }}">Trang sau</a>{{ end }}
{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range first 10 (where .Site.RegularPages "Section" "ne" "pages") }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>
{{ end }}
""",
}


def front_matter(header: str) -> str:
    """Pelican's ``Key: value`` lines as YAML front matter, with categories and tags as lists."""
    fields: dict[str, object] = {}
    for line in header.splitlines():
        key, _, value = line.partition(": ")
        key = key.strip().lower()
        if key == "category":
            fields["categories"] = [value]
        elif key == "tags":
            fields["tags"] = [tag.strip() for tag in value.split(",") if tag.strip()]
        elif key == "date":
            day, time, offset = value.split()
            fields["date"] = f"{day}T{time}:00{offset}"
        elif key:
            fields[key] = value
    if "slug" not in fields and "title" in fields:
        fields["slug"] = vn_slugify(str(fields["title"]))
    return "---\n" + "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items()) + "---\n"


def write_hugo_site(corpus: Path, target: Path) -> Path:
    """Write the Hugo version of ``corpus`` into ``target`` (config, layouts, content); return ``target``."""
    (target / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (target / "hugo.toml").write_text(CONFIG, encoding="utf-8")
    for name, text in LAYOUTS.items():
        (target / "layouts" / name).write_text(text, encoding="utf-8")
    for folder in FOLDERS:
        destination = target / "content" / folder
        destination.mkdir(parents=True, exist_ok=True)
        for source in sorted((corpus / folder).glob("*.md")):
            header, _, body = source.read_text(encoding="utf-8").partition("\n\n")
            (destination / source.name).write_text(front_matter(header) + "\n" + body, encoding="utf-8")
    return target
