# Bad input for the copies, events and stories stages (issue 5 "Bad input"),
# generated here: 3,000 copies of one dispatch (each with its own edition
# line, so ingest's exact-duplicate check keeps them all), 500 undated
# distinct one-liners, one-word articles, an article dated in 2999 and an
# empty one. Expected: the copies are one event, the one-liners 500
# singleton events flagged undated, the one-word articles singletons, the
# 2999 article its own dated event, the empty article refused without a
# crash; every event its own story. Not timed: each stage is linear by
# design (copies: LSH buckets and sentence fingerprints capped per key;
# events: an inverted index capped at 256 events per key, at most 256
# candidates per document; stories: 64 stories per key and per event), so
# a quadratic blow-up would show as a run that does not finish.
. "$(dirname "$0")/lib.sh"

python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
syl = ["ka", "lo", "mi", "ne", "ru", "sa", "to", "vi", "ze", "bu", "da", "fe", "gi", "ho", "ju"]
def word(n):
    s = ""
    for _ in range(3):
        s += syl[n % 15]
        n //= 15
    return s
text = ("The harbour authority of Kessel said on Tuesday that the northern pier would close for "
        "repairs until the end of the month, after inspectors found cracks in two pylons. Ferry "
        "services to Arnholm will use the southern terminal, the authority said.")
with open(t + "/copies.jsonl", "w") as f:
    for i in range(3000):
        f.write(json.dumps({"id": "copy-%d" % i, "title": "Kessel pier closes for repairs",
                            "text": text + " Edition %d." % i, "published": "2026-03-03",
                            "lang": "en", "outlet": "outlet%d" % (i % 50)}) + "\n")
with open(t + "/undated.jsonl", "w") as f:
    for i in range(500):
        f.write(json.dumps({"id": "undated-%d" % i, "lang": "en",
                            "text": "%s %s %s %d." % (word(3 * i).capitalize(), word(3 * i + 1),
                                                      word(3 * i + 2), i)}) + "\n")
with open(t + "/odd.jsonl", "w") as f:
    for d in ({"id": "oneword", "text": "Breaking", "lang": "en", "published": "2026-03-03"},
              {"id": "oneword-fr", "text": "Urgent", "lang": "fr", "published": "2026-03-04"},
              {"id": "future", "title": "Colony ship reaches orbit", "lang": "en",
               "published": "2999-05-15",
               "text": "The colony ship Meridian entered orbit around the fourth planet on "
                       "14 May 2999, mission control in Kessel said, ending a journey of forty years."}):
        f.write(json.dumps(d) + "\n")
with open(t + "/empty.jsonl", "w") as f:
    f.write(json.dumps({"id": "empty", "text": "", "lang": "en", "published": "2026-03-03"}) + "\n")
PY

run analyze --json "$T/odd.jsonl" "$T/copies.jsonl" "$T/undated.jsonl"; expect_status 0 "analyze the bad input"
cp "$T/out" "$T/r.json"
check "3,503 documents" test "$(json "$T/r.json" "len(r['documents'])")" = 3503
# ev: document id -> event
ev="{d: e['id'] for e in r['events'] for d in e['documents']}"
check "the 3,000 copies are one event" test "$(json "$T/r.json" "len({v for k, v in ($ev).items() if k.startswith('copy-')})")" = 1
check "... and it holds nothing else" test "$(json "$T/r.json" "[len(e['documents']) for e in r['events'] if 'copy-0' in e['documents']][0]")" = 3000
check "500 undated events, one document each" test "$(json "$T/r.json" "sum(1 for e in r['events'] if e['undated'] and len(e['documents']) == 1 and e['documents'][0].startswith('undated-'))")" = 500
check "only the one-liners are flagged undated" test "$(json "$T/r.json" "sum(1 for e in r['events'] if e['undated'])")" = 500
check "the one-word articles are singletons" test "$(json "$T/r.json" "sorted(len(e['documents']) for e in r['events'] if set(e['documents']) & {'oneword', 'oneword-fr'})")" = "[1, 1]"
check "the 2999 article is its own event, dated 2999" test "$(json "$T/r.json" "[(len(e['documents']), e['date'][:4]) for e in r['events'] if 'future' in e['documents']]")" = "[[1, \"2999\"]]"
check "504 events" test "$(json "$T/r.json" "len(r['events'])")" = 504
check "every event its own story" test "$(json "$T/r.json" "len(r['stories'])")" = 504

run analyze --json "$T/empty.jsonl"
check "an empty article is refused (status 1), not a crash" test "$status" -eq 1
contains "$T/err" "no article text" "the empty article's error says why"
done_tests
