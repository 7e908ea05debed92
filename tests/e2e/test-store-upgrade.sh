# A version 1 store (before the clustering tables) is upgraded in place to
# version 5 (RC_STORE_SCHEMA_VERSION) on open, once, keeping every document; a newer store is still
# refused (test-bad-input.sh).
. "$(dirname "$0")/lib.sh"

mkdir -p "$T/in"
printf 'Le conseil municipal a voté mardi un budget de 12 millions d’euros pour rénover les écoles. Le maire a salué « un effort historique ».\n' > "$T/in/alpha_01.txt"
printf 'The city council approved on Tuesday a budget of 12 million euros to renovate schools. Work will begin in September.\n' > "$T/in/beta_02.txt"
printf 'Heavy rain is expected across the region on Friday, forecasters said. Residents near the river were told to prepare sandbags.\n' > "$T/late_03.txt"

run ingest -q --db "$T/s.db" "$T/in"; expect_status 0 "ingest into a new store"
# turn it into a version 1 store: the schema 2 tables dropped, version 1
python3 - "$T/s.db" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
for t in ("doc_cluster", "events", "stories", "term_df", "story_link"):
    c.execute("drop table " + t)
c.execute("delete from meta where key in ('df_docs', 'write_gen')")
c.execute("update meta set value = '1' where key = 'schema_version'")
c.execute("pragma user_version = 1")
c.commit()
PY
version() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute('pragma user_version').fetchone()[0])" "$1"; }
tables() { python3 -c "import sqlite3,sys; print(' '.join(r[0] for r in sqlite3.connect(sys.argv[1]).execute(\"select name from sqlite_master where type='table' order by name\")))" "$1"; }
check "the store is at version 1 before" test "$(version "$T/s.db")" = 1
lacks <(tables "$T/s.db") "doc_cluster" "no clustering table before"

run show --db "$T/s.db" alpha_01; expect_status 0 "show on a version 1 store"
contains "$T/out" "budget de 12 millions" "the old document is kept"
count_lines "$T/err" "upgraded the store from schema 1 to 5" 1 "the upgrade is said once"
contains "$T/err" "$T/s.db" "the message names the store"
check "the store is at version 5 after" test "$(version "$T/s.db")" = 5
tables "$T/s.db" > "$T/tables"
for t in doc_cluster events stories term_df story_link documents; do
  contains "$T/tables" "$t" "table $t present after the upgrade"
done
run show --db "$T/s.db" beta_02; expect_status 0 "second document kept"
lacks "$T/err" "upgraded" "a second open says nothing"
run ingest --db "$T/s.db" "$T/late_03.txt" "$T/in"; expect_status 0 "ingest into the upgraded store"
contains "$T/err" "1 added" "new document added"
contains "$T/err" "2 unchanged" "old documents recognised"
run show --db "$T/s.db" late_03; expect_status 0 "new document readable"
gen() { python3 -c "import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(\"select cast(value as integer) from meta where key='write_gen'\").fetchone()[0])" "$1"; }
check "the upgraded store counts its writes" test "$(gen "$T/s.db")" -gt 0
done_tests
