#!/usr/bin/env bash
# Smoke test of "Running in production" (README) on this machine: a fresh PostgreSQL database,
# migrate, collectstatic, gunicorn with deploy/gunicorn.conf.py (two workers) on a free
# 127.0.0.1 port, a django-q2 worker, the health endpoint, a task through the queue, /metrics,
# then both stopped cleanly. Exits non-zero on any failure.
#
#   deploy/rooktest.sh                 # uses .venv (VENV=... for another one)
#   ROOKTEST_DB=coop_rooktest PG=postgres://postgres@127.0.0.1:5432 REDIS=redis://127.0.0.1:6379/15
set -euo pipefail
cd "$(dirname "$0")/.."

VENV="${VENV:-.venv}"
PY="$VENV/bin/python"
PG="${PG:-postgres://postgres@127.0.0.1:5432}"
DB="${ROOKTEST_DB:-coop_rooktest}"
REDIS="${REDIS:-redis://127.0.0.1:6379/15}"
export PGOPTIONS="-c client_min_messages=warning"
WORK="$(mktemp -d -t coop-rooktest-XXXXXX)"
WEB_PID=""
WORKER_PID=""
BEGIN=$(date +%s)

say() { echo "rooktest: [$(($(date +%s) - BEGIN)) s] $*"; }
fail() {
    echo "rooktest: FOUT: $*" >&2
    for log in web worker; do
        if [[ -f "$WORK/$log.log" ]]; then
            echo "--- laatste regels $log.log" >&2
            tail -n 30 "$WORK/$log.log" >&2
        fi
    done
    exit 1
}

stop() {  # stop PID NAME SECONDS: TERM, wait, and require a clean exit
    local pid=$1 naam=$2 wacht=$3 rc=0
    kill -TERM "$pid" 2>/dev/null || fail "$naam draaide niet meer"
    for _ in $(seq 1 $((wacht * 10))); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "$pid" 2>/dev/null; then
        kill -KILL "$pid" 2>/dev/null || true
        fail "$naam stopte niet binnen $wacht s na TERM"
    fi
    wait "$pid" || rc=$?
    [[ $rc -eq 0 ]] || fail "$naam stopte met code $rc"
}

cleanup() {
    # The children first: a killed qcluster or gunicorn would leave its workers running,
    # still taking tasks from this Redis database with another run's SECRET_KEY.
    local pid
    for pid in $WEB_PID $WORKER_PID; do
        pkill -KILL -P "$pid" 2>/dev/null || true
        kill -KILL "$pid" 2>/dev/null || true
    done
    psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null 2>&1 || true
    rm -rf "$WORK"
}
trap cleanup EXIT

[[ -x "$PY" ]] || fail "geen Python in $VENV (make install)"
pg_isready -q -d "$PG/postgres" || fail "PostgreSQL antwoordt niet op $PG"

# --- The environment of "Running in production" (DEBUG off, every secret set) -------------
export DJANGO_SETTINGS_MODULE=coop.settings
export DEBUG=0
export SECRET_KEY="rooktest-$(head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')-0123456789abcdef"
FIELD_ENCRYPTION_KEY="$("$PY" -c 'from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())')"
export FIELD_ENCRYPTION_KEY
export DATABASE_URL="$PG/$DB"
export DB_CONN_MAX_AGE=60
export ALLOWED_HOSTS=127.0.0.1,localhost
export STATIC_ROOT="$WORK/static"
export MEDIA_ROOT="$WORK/media"
export LOG_FORMAT=json
export METRICS_TOKEN="$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')"
export Q_WORKERS=1
# The broker's identity a production office sets (invoices refuse to go out without it); the
# example values belong to no one and come from their one place, coop/settings.py, as in .ci/run.
# shellcheck disable=SC2046
export $(DEBUG=1 "$PY" -m coop.settings voorbeeld-makelaar)
export COOP_BASIS_URL=https://coop.example.nl
export PROMETHEUS_MULTIPROC_DIR="$WORK/prometheus"
if redis-cli -u "$REDIS" ping >/dev/null 2>&1; then
    export REDIS_URL="$REDIS"
    redis-cli -u "$REDIS" del "django_q:coop:q" >/dev/null
    say "Redis op $REDIS"
else
    unset REDIS_URL
    say "geen Redis: de wachtrij loopt via de database"
fi

say "verse database $DB"
psql -q "$PG/postgres" -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)" >/dev/null
psql -q "$PG/postgres" -c "CREATE DATABASE \"$DB\"" >/dev/null

say "migrate, collectstatic, check --deploy"
"$PY" manage.py migrate --noinput >"$WORK/migrate.log" 2>&1 || { cat "$WORK/migrate.log"; fail "migrate"; }
"$PY" manage.py collectstatic --noinput >/dev/null || fail "collectstatic"
[[ -f "$STATIC_ROOT/admin/css/base.css" ]] || fail "collectstatic schreef de admin-stijl niet"
"$PY" manage.py check --deploy --fail-level ERROR >/dev/null || fail "check --deploy"

PORT="$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
BASE="http://127.0.0.1:$PORT"

say "web: gunicorn -c deploy/gunicorn.conf.py op 127.0.0.1:$PORT (2 workers)"
GUNICORN_BIND="127.0.0.1:$PORT" GUNICORN_WORKERS=2 \
    "$VENV/bin/gunicorn" -c deploy/gunicorn.conf.py >"$WORK/web.log" 2>&1 &
WEB_PID=$!

say "worker: apply_schedules en qcluster"
"$PY" manage.py apply_schedules >"$WORK/schedules.log" 2>&1 || { cat "$WORK/schedules.log"; fail "apply_schedules"; }
"$PY" manage.py qcluster >"$WORK/worker.log" 2>&1 &
WORKER_PID=$!

for _ in $(seq 1 150); do
    curl -fsS -o /dev/null "$BASE/gezondheid/" 2>/dev/null && break
    kill -0 "$WEB_PID" 2>/dev/null || fail "gunicorn stopte tijdens het starten"
    sleep 0.2
done

# --- Health ------------------------------------------------------------------------------------
RID="rooktest-$$-$RANDOM"
STATUS="$(curl -sS -o "$WORK/health.json" -D "$WORK/health.headers" -w '%{http_code}' \
    -H "X-Request-ID: $RID" "$BASE/gezondheid/")"
[[ "$STATUS" == 200 ]] || { cat "$WORK/health.json"; fail "/gezondheid/ gaf $STATUS"; }
grep -qi "^x-request-id: $RID" "$WORK/health.headers" || fail "X-Request-ID kwam niet terug"
"$PY" - "$WORK/health.json" "${REDIS_URL:+redis}" <<'EOF' || fail "/gezondheid/ mist onderdelen"
import json, sys
body = json.load(open(sys.argv[1]))
delen = body["onderdelen"]
verwacht = {"database", "wachtrij", "wettelijke_gegevens"} | ({"redis"} if sys.argv[2] else set())
assert set(delen) == verwacht, delen
assert body["status"] in {"ok", "waarschuwing"}, body
for naam in ("database", "redis"):
    assert naam not in delen or delen[naam]["status"] == "ok", delen[naam]
assert delen["wachtrij"]["broker"] == ("redis" if sys.argv[2] else "database"), delen
print("rooktest: gezondheid", json.dumps({n: d["status"] for n, d in delen.items()}))
EOF
sleep 0.3  # the request line is written after the response
grep -q "\"request_id\": \"$RID\"" "$WORK/web.log" || fail "geen JSON-logregel met request id $RID"

# --- A task through the queue to the worker -----------------------------------------------------
TAAK="$("$PY" manage.py shell -c "
import time
from django_q.tasks import async_task, result
taak = async_task('math.floor', 2.5)
for _ in range(300):
    if result(taak) == 2:
        print(taak)
        break
    time.sleep(0.1)
" 2>>"$WORK/shell.log" | tail -n1)"
[[ -n "$TAAK" ]] || fail "de worker voerde de taak niet binnen 30 s uit"
kill -0 "$WORKER_PID" 2>/dev/null || fail "de worker stopte"
"$PY" - "$WORK/worker.log" <<'EOF' || fail "de worker logt geen JSON"
import json, sys
regels = [json.loads(r) for r in open(sys.argv[1]) if r.startswith("{")]
assert any(r["logger"] == "django-q" and r["request_id"] == "-" for r in regels), regels[:3]
EOF
say "taak $TAAK door de worker uitgevoerd"

# --- Metrics: closed without the token, summed over both workers with it -----------------------
for _ in $(seq 1 8); do curl -fsS -o /dev/null "$BASE/gezondheid/"; done
STATUS="$(curl -sS -o /dev/null -w '%{http_code}' "$BASE/metrics")"
[[ "$STATUS" == 401 ]] || fail "/metrics zonder token gaf $STATUS, verwacht 401"
curl -fsS -H "Authorization: Bearer $METRICS_TOKEN" "$BASE/metrics" >"$WORK/metrics.txt" \
    || fail "/metrics met token"
"$PY" - "$WORK/metrics.txt" <<'EOF' || fail "/metrics mist reeksen"
import sys
waarden = {}
for regel in open(sys.argv[1]):
    if regel.strip() and not regel.startswith("#"):
        naam, _, waarde = regel.rstrip("\n").rpartition(" ")
        waarden[naam] = float(waarde)
gezond = 'coop_http_requests_total{method="GET",route="gezondheid/",status="200"}'
# The polls at start may have met a worker still booting: at least the 1 + 8 checked above.
assert waarden.get(gezond, 0) >= 9, waarden.get(gezond)
assert any(n.startswith("coop_http_request_duration_seconds_bucket") for n in waarden)
assert "coop_wachtrij_lengte" in waarden and "coop_wachtrij_oudste_seconden" in waarden
print(f"rooktest: metrics {int(waarden[gezond])} gezondheidsverzoeken over de workers geteld")
EOF

# --- Stop cleanly ----------------------------------------------------------------------------------
say "stoppen"
stop "$WEB_PID" gunicorn 35
WEB_PID=""
stop "$WORKER_PID" qcluster 30
WORKER_PID=""
say "geslaagd in $(($(date +%s) - BEGIN)) s"
