# Hostile web input: truncated gzip member, a record overrunning the file,
# an oversized page, 100,000 nested elements, NUL bytes, a binary payload
# served as HTML, a broken charset label. Each gets a clear message naming
# the file (and record offset); the rest of the archive is still read; no
# crash; exit status 1 when something failed.
. "$(dirname "$0")/lib.sh"

python3 - "$T" <<'PY'
import gzip, sys, uuid
T = sys.argv[1]
def page(title, body):
    return ("<!doctype html><html lang='en'><head><title>%s</title></head><body><nav><a href='/'>Home</a></nav>"
            "<article><h1>%s</h1><p>%s</p><p>Officials said the work would take several months to finish.</p></article>"
            "<footer>Copyright</footer></body></html>" % (title, title, body)).encode()
def record(rid, url, payload, ctype="text/html; charset=utf-8", extra=b"", length=None):
    http = b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype.encode() + b"\r\n" + extra + b"\r\n" + payload
    n = len(http) if length is None else length
    head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:%s>\r\nWARC-Date: 2026-01-02T03:04:05Z\r\n"
            "WARC-Target-URI: %s\r\nContent-Type: application/http;msgtype=response\r\nContent-Length: %d\r\n\r\n"
            % (rid, url, n)).encode()
    return head + http + b"\r\n\r\n"
ok1 = record("00000000-0000-4000-8000-000000000001", "https://a.example/one",
             page("Bridge reopens", "The bridge over the river reopened on Monday after repairs, the city said."))
ok2 = record("00000000-0000-4000-8000-000000000002", "https://a.example/two",
             page("Market expands", "The covered market will open two new halls in the spring, traders said."))
binary = record("00000000-0000-4000-8000-000000000003", "https://a.example/img", bytes(range(256)) * 40)
badcs = record("00000000-0000-4000-8000-000000000004", "https://a.example/cs",
               page("Library hours", "The library will stay open until nine in the evening from next week."),
               ctype="text/html; charset=x-no-such-charset")
nul = record("00000000-0000-4000-8000-000000000005", "https://a.example/nul",
             page("Park\x00 works", "The park\x00 will close for two weeks of works, the council announced.").replace(b"\\x00", b"\x00"))
# 1. gzip per record, the third member truncated, then a good one
m = [gzip.compress(r) for r in (ok1, binary, badcs, nul, ok2)]
m[2] = m[2][: len(m[2]) // 2]
open(T + "/trunc.warc.gz", "wb").write(b"".join(m))
# 2. plain WARC whose last record's Content-Length overruns the file
last = record("00000000-0000-4000-8000-000000000006", "https://a.example/over", page("Over", "x" * 200), length=10_000_000)
open(T + "/overrun.warc", "wb").write(ok1 + last)
# 3. a page nested 100,000 levels deep, and a page over the size cap
deep = b"<html><body>" + b"<div>" * 100000 + b"<p>Deep inside the page the council approved the budget on Tuesday evening.</p>" + b"</div>" * 100000 + b"</body></html>"
open(T + "/deep.html", "wb").write(deep)
open(T + "/huge.html", "wb").write(b"<html><body><p>" + b"word " * 600000 + b"</p></body></html>")
PY

run extract --jsonl "$T/trunc.warc.gz"; expect_status 1 "truncated gzip member"
contains "$T/err" "trunc.warc.gz@" "damaged member named with its byte offset"
count_lines "$T/out" '"id":"00000000-0000-4000-8000-000000000001"' 1 "record before the damage read"
count_lines "$T/out" '"id":"00000000-0000-4000-8000-000000000002"' 1 "record after the damage read"
contains "$T/err" "binary" "binary payload served as HTML reported"
count_lines "$T/out" '"id":"00000000-0000-4000-8000-000000000005"' 1 "page with NUL bytes read"
lacks "$T/out" '\u0000' "NUL bytes not passed on"

run extract --jsonl "$T/overrun.warc"; expect_status 1 "Content-Length overrunning the file"
contains "$T/err" "overrun.warc@" "overrun named with the record offset"
count_lines "$T/out" '"id":"00000000-0000-4000-8000-000000000001"' 1 "record before the overrun read"

run extract --jsonl "$T/deep.html"; expect_status 0 "100,000 nested elements"
contains "$T/out" "council approved the budget" "text inside deep nesting extracted"

run extract --jsonl --max-size 1M "$T/huge.html"; expect_status 1 "page over --max-size"
contains "$T/err" "huge.html: error: " "oversized page named"

# a broken charset label in the HTTP header: warned, page still read
python3 - "$T" <<'PY'
import sys
T = sys.argv[1]
body = "<html><body><article><p>Le café de la gare rouvre lundi après trois mois de travaux, selon la mairie.</p></article></body></html>".encode("utf-8")
http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=x-bogus\r\n\r\n" + body
head = ("WARC/1.1\r\nWARC-Type: response\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-0000000000aa>\r\n"
        "WARC-Target-URI: https://b.example/cafe\r\nContent-Length: %d\r\n\r\n" % len(http)).encode()
open(T + "/cs.warc", "wb").write(head + http + b"\r\n\r\n")
PY
run extract --jsonl "$T/cs.warc"; expect_status 0 "broken charset label"
contains "$T/err" 'unknown charset label "x-bogus"' "broken label warned about"
contains "$T/out" "Le café de la gare" "page decoded by guessing"
done_tests
