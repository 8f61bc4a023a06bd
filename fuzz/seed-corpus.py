#!/usr/bin/env python3
# SPDX-FileCopyrightText: 2026 The flinkjob authors
# SPDX-License-Identifier: LGPL-2.1-or-later

"""Writes seed inputs into fuzz/corpus/TARGET/, named by their SHA-1.

  fuzz/seed-corpus.py [--flink-home DIR]...

decoders: every response of tests/responses/ (recorded from real Flink
2.3 and 1.20 clusters), with strings longer than 256 characters cut (stack
traces make them up to 55 KB, which only slows the fuzzer). config: the
configurations that tests/test-config.c writes, and Flink's own
config.yaml from each --flink-home's flink-dist jar. operation-handle, url,
headers: the forms the unit tests use. job-list: the recorded job
overviews, alone and two by two as successive polls.

Then minimise: fuzz/run-fuzz.sh --runs 1 --merge (keeps what adds coverage).
"""
import argparse
import hashlib
import json
import pathlib
import zipfile

HERE = pathlib.Path(__file__).resolve().parent
RESPONSES = HERE.parent / "tests" / "responses"
MAX_STRING = 256

CONFIGS = [
    "jobmanager:\n  rpc:\n    address: jm.example.com\nrest:\n  address: flink.example.com\n"
    "  port: 18081\nenv:\n  java:\n    opts:\n      all: --add-opens=java.base/java.lang=ALL-UNNAMED\n",
    "rest.address: 10.0.0.5\nrest.port: 8082\nrest.path: /flink/\nsecurity.ssl.rest.enabled: true\n",
    "jobmanager.rpc.address: legacy-host\ntaskmanager.numberOfTaskSlots: 4\n",
    "pipeline:\n  jars:\n    - a.jar\n    - b.jar\n",
    "rest:\n  retry:\n    max-attempts: 3\n    delay: 2 s\n  url-prefix: flink\n"
    "security.ssl.rest.truststore: /etc/flink/ca.pem\n",
    "base: &base {port: 8081, address: host}\nrest: *base\n",
    "a: &x {b: {c: 1}}\nd: [*x, *x]\n",
]

HANDLES = [
    "flinkjob-operation/1 savepoint 0123456789abcdef0123456789abcdef "
    "fedcba9876543210fedcba9876543210 1795463204348",
    "flinkjob-operation/1 stop-with-savepoint 0123456789abcdef0123456789abcdef "
    "fedcba9876543210fedcba9876543210 1795463204348 file%3A%2F%2F%2Ftmp%2Fsavepoints",
    "flinkjob-operation/1 checkpoint 0123456789ABCDEF0123456789ABCDEF "
    "fedcba9876543210fedcba9876543210 0 s3%3A%2F%2Fbucket%2Fsp%20x",
]

# \x01 stands for a secret in the url target.
URLS = [
    "http://localhost:8081", "https://flink.example.com/prefix/", "http://[::1]:8081",
    "http://user:\x01@host:8081", "http://\x01@host", "http://user:\x01@host/?x=1",
    "http://user:\x01@host#frag", "ftp://user:\x01@host", "http://user:\x01@host:99999",
    "localhost:8081", "user:\x01@host:8081", "http://user:pa/\x01@host", "http://a@b@host/p",
    "HTTPS://Host.Example.COM:443/a%20b", "http://host/?token=\x01",
]

HEADERS = [
    b"\x00X-Auth\x00value",
    b"\x00X Auth\x00value",
    b"\x00Cookie\x00a=b\r\nInjected: 1",
    b"\x01Cookie:auth=12:345\nMalformed\nX-Two:a,b",
    b"\x01Cookie:auth=1\r\nX-Two : b \r\n\r\n",
    b"\x01X Auth Token:v\n",
]


def cut_strings(value):
    if isinstance(value, str):
        return value[:MAX_STRING]
    if isinstance(value, list):
        return [cut_strings(v) for v in value]
    if isinstance(value, dict):
        return {cut_strings(k): cut_strings(v) for k, v in value.items()}
    return value


def write(target, data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    directory = HERE / "corpus" / target
    directory.mkdir(parents=True, exist_ok=True)
    (directory / hashlib.sha1(data).hexdigest()).write_bytes(data)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--flink-home", action="append", default=[],
                        help="a Flink installation whose config.yaml to add")
    args = parser.parse_args()

    for path in sorted(RESPONSES.glob("*/*.json")):
        text = path.read_bytes()
        try:
            data = json.dumps(cut_strings(json.loads(text)), separators=(",", ":"),
                              ensure_ascii=False)
        except ValueError:
            data = text[:4096]          # error pages that are not JSON
        write("decoders", data)

    # job-list: recorded overviews, alone and as successive polls.
    overviews = [path.read_text() for path in sorted(RESPONSES.glob("*/jobs-overview*.json"))]
    overviews += [path.read_text() for path in sorted(RESPONSES.glob("*/jobs-empty.json"))]
    for text in overviews:
        write("job-list", text)
    for first in overviews:
        for second in overviews:
            write("job-list", first + "\n\f\n" + second)

    for text in CONFIGS:
        write("config", text)
    for home in args.flink_home:
        for jar in pathlib.Path(home, "lib").glob("flink-dist*.jar"):
            with zipfile.ZipFile(jar) as z:
                write("config", z.read("config.yaml"))

    for text in HANDLES:
        write("operation-handle", text)
    for text in URLS:
        write("url", text)
    for data in HEADERS:
        write("headers", data)


if __name__ == "__main__":
    main()
