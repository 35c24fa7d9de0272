#!/usr/bin/env python3
"""Writes fuzz/seeds/<target>/ from tests/data/widget-vectors.json and the result shapes of
protocol.md section 6. Run from the repository root: python3 fuzz/make_seeds.py"""

import hashlib
import json
import pathlib
import urllib.parse

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = json.loads((ROOT / "tests/data/widget-vectors.json").read_text())
SECRET = "0A1B2C3D4E5F60718293A4B5"


def md5(text):
    return hashlib.md5(text.encode()).hexdigest()


def quote(text):
    return urllib.parse.quote(text, safe="-_.!~*'()")


seeds = {name: {} for name in
         ["result_query", "redirect_url", "post_message", "widget_url", "attachment_json"]}

for case in VECTORS["requests"]:
    seeds["widget_url"][case["id"]] = case["url"]
    if "attachment_json" in case:
        seeds["attachment_json"][case["id"]] = case["attachment_json"]

for case in VECTORS["publish_results"]:
    url = case.get("redirect_url")
    if url:
        seeds["redirect_url"][case["id"]] = url
        seeds["result_query"][case["id"]] = url.split("?", 1)[1]
    if case.get("result_json"):
        seeds["post_message"][case["id"]] = case["result_json"]

# Invite and suggest results (protocol.md section 6), signed by the default rule (a).
for n, ids in enumerate(["[3154325,435345]", "[521461346,2141352145]", "[]"]):
    sig = md5(f"code=OKselected={ids}{SECRET}")
    query = f"code=OK&selected={quote(ids)}&sig={sig}&state=s-{n}"
    seeds["result_query"][f"friends-ok-{n}"] = query
    seeds["redirect_url"][f"friends-ok-{n}"] = "https://app.example/ok/callback?" + query
    seeds["post_message"][f"friends-ok-{n}"] = json.dumps(
        {"code": "OK", "selected": json.loads(ids), "sig": sig}, separators=(",", ":"))
cancel = "code=CANCELLED&error_code=12&error_msg=Operation+was+cancelled+by+user"
seeds["result_query"]["friends-cancel"] = cancel
seeds["redirect_url"]["friends-cancel"] = "ok512000000001://WidgetInvite?" + cancel + "#frag"
seeds["result_query"]["friends-result-json"] = (
    "code=OK&result=" + quote('{"code":"OK","selected":"[1,2]"}') + "&selected=[1,2]&sig=" + "0" * 32)
seeds["post_message"]["publish-message"] = '{"id":"67601133491473"}'
seeds["post_message"]["friends-error"] = '{"code":"PARAM_SIGNATURE","error_code":104,"error_msg":"Bad signature "}'
seeds["post_message"]["publish-error"] = '{"type":"error","code":12,"message":"Operation was cancelled by user"}'

for target, cases in seeds.items():
    folder = ROOT / "fuzz/seeds" / target
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in cases.items():
        (folder / name).write_text(text)
    print(target, len(cases))
