#!/usr/bin/env python3
"""bench/gab_history.py SRC.data.js OUT.data.js MB - a github-action-benchmark
history of about MB megabytes for the import-gab speed figure
(docs/performance.md): the entries of SRC repeated, each copy with new commit
ids (and dates one day later per copy), until the file reaches the size."""
import json, sys, hashlib

src, out, mb = sys.argv[1], sys.argv[2], float(sys.argv[3])
text = open(src, encoding="utf-8").read()
data = json.loads(text[text.index("{"):].rstrip().rstrip(";"))
base = {suite: list(entries) for suite, entries in data["entries"].items()}
target = int(mb * 1e6)
size = len(text)
copy = 0
while size < target:
    copy += 1
    for suite, entries in base.items():
        for e in entries:
            e = json.loads(json.dumps(e))
            cid = hashlib.sha1(f"{copy}:{e['commit']['id']}".encode()).hexdigest()
            e["commit"]["id"] = cid
            e["date"] += copy * 86400000
            data["entries"][suite].append(e)
            size += len(json.dumps(e, indent=2))
            if size >= target:
                break
with open(out, "w", encoding="utf-8") as f:
    f.write("window.BENCHMARK_DATA = " + json.dumps(data, indent=2, ensure_ascii=False) + "\n")
