# Facts (issue 4): the seeds scored against their hand answers — entities,
# quantities, dates, quotes and citations each at least 0.90; show --facts
# marks an article's facts; `recoupe entities` merges spellings; hostile
# text (a 10 MB line without punctuation, 100,000 capitalised words,
# unbalanced quote marks, a 5,000-digit number, 31/02/2025) goes through.
. "$(dirname "$0")/lib.sh"

if [ -x "$SHARED/tools/score-seeds" ]; then
  run analyze --json "$SHARED"/seeds/*.txt; expect_status 0 "analyze the seeds"
  cp "$T/out" "$T/seeds.json"
  "$SHARED/tools/score-seeds" "$T/seeds.json" --verbose > "$T/score"
  for a in entities quantities dates quotes citations; do
    v=$(score_area "$T/score" $a)
    if atleast "$v" 0.90; then ok; else fail "seeds $a $v < 0.90"; sed -n "/^$a/,/^[a-z]/p" "$T/score" >&2; fi
  done
  # every span points at its words
  check "entity mention spans match their text" python3 - "$T/seeds.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
texts = {d["id"]: d["text"].encode() for d in r["documents"]}
bad = [m for e in r["entities"] for m in e["mentions"]
       if texts[m["document"]][m["start"]:m["end"]].decode() != m["text"]]
bad += [q for k in ("quantities", "dates", "quotes", "citations") for q in r[k]
        if texts[q["document"]][q["start"]:q["end"]].decode() != q["text"]]
sys.exit(1 if bad else 0)
PY
  check "quotes refer to existing entity ids" python3 - "$T/seeds.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
ids = {e["id"] for e in r["entities"]}
sys.exit(0 if all(q["speaker_entity"] in ids for q in r["quotes"] if q["speaker_entity"]) else 1)
PY
else
  echo "test-facts: seeds part skipped: $SHARED not found"
fi

# show --facts and entities on a small corpus of our own (two languages)
mkdir -p "$T/in"
cat > "$T/in/a_fr.txt" <<'TXT'
La ministre Anna Kowalczyk a annoncé jeudi 5 mars 2026 l'envoi de 1 200 secouristes à Lyon. « Nous serons là tant qu'il le faudra », a déclaré Mme Kowalczyk, selon l'agence Reuters.
TXT
cat > "$T/in/b_en.txt" <<'TXT'
Minister Anna Kowalczyk said on Thursday that about 1,200 rescuers would be sent to Lyon. "We will stay as long as needed," Kowalczyk told reporters, according to Reuters.
TXT
run ingest --db "$T/s.db" "$T/in"; expect_status 0 "ingest two articles"
NO_COLOR=1 "$RECOUPE" show --db "$T/s.db" --facts a_fr > "$T/out" 2>"$T/err"; status=$?
expect_status 0 "show --facts"
contains "$T/out" "[Anna Kowalczyk]{person" "person marked"
contains "$T/out" "[Lyon]{place" "place marked"
contains "$T/out" "{{1 200 secouristes}}{1200}" "quantity marked with its value"
contains "$T/out" "<<jeudi 5 mars 2026>>{2026-03-05}" "date marked with its value"
contains "$T/out" "«« Nous serons là tant qu'il le faudra »»{" "quote marked"
lacks "$T/out" "$(printf '\033')[" "no colour escapes when NO_COLOR is set"
run show --db "$T/s.db" --facts --json a_fr; expect_status 2 "--facts with --json is a usage error"
run entities --db "$T/s.db"; expect_status 0 "entities"
contains "$T/out" "person        Anna Kowalczyk" "one person over both languages"
count_lines "$T/out" "Kowalczyk" 1 "all spellings of the name in one entity"
run entities --db "$T/s.db" --json; expect_status 0 "entities --json"
check "entities --json is one JSON object per line" python3 -c "import json,sys; [json.loads(l) for l in open(sys.argv[1])]" "$T/out"
run entities --db "$T/nope.db"; expect_status 1 "entities without a store"
run analyze --markdown "$T/in"; expect_status 0 "analyze --markdown with facts"
contains "$T/out" "| Anna Kowalczyk | person | 2 |" "markdown lists the merged entity"
contains "$T/out" "- **Anna Kowalczyk** (via Reuters): “Nous serons là tant qu'il le faudra”" "markdown quote with its speaker entity and relay"

# hostile text goes through, with a valid report
python3 - "$T" <<'PY'
import sys
T = sys.argv[1]
with open(T + "/h1.txt", "w") as f:
    f.write("mot " * 2_500_000 + "\n")
with open(T + "/h2.txt", "w") as f:
    f.write(" ".join("Capital%d" % i for i in range(100_000)) + ".\n")
with open(T + "/h3.txt", "w") as f:
    f.write("Il a dit « bonjour et puis " * 2000 + " “ ‘ « \" fin.\n" + "Le " + "9" * 5000 + " soldats sont arrivés le 31/02/2025.\n")
PY
run analyze --json --max-size 16M "$T/h1.txt" "$T/h2.txt" "$T/h3.txt"; expect_status 0 "hostile text analysed"
check "hostile report is valid JSON" python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$T/out"
check "31/02/2025 is not a date" test "$(json "$T/out" "[d['value'] for d in r['dates'] if d['value'].startswith('2025-02-31')]")" = "[]"
done_tests
