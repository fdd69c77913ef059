#!/usr/bin/env bash
# The cost of a case handler's action in contact-sla: posts one contact attempt to each of N open cases of the running
# ./lvs stack (after ./lvs demo, say), 4 in flight over kept-alive connections, and prints contact-sla's CPU an action,
# the embedded PostgreSQL's (its server processes', when ./lvs started it) and the machine's load.
# It asserts nothing. Run it from the repository's root: contact-sla-service/bench/case-actions.sh [N] [OFFSET]
# (OFFSET skips cases an earlier run already used). Needs psql and curl; it reads the stack's PostgreSQL port from .lvs/run.
set -euo pipefail
n="${1:-2000}"
offset="${2:-0}"
token="$(./lvs token case-handler)"
ids="$(mktemp)"
urls="$(mktemp)"
trap 'rm -f "$ids" "$urls"' EXIT
psql -h 127.0.0.1 -p "$(cat .lvs/run/postgres.port)" -U postgres -d lvs -Atc \
  "select referral_id from sla.sla_case where status = 'OPEN' order by referral_id offset $offset limit $n" > "$ids"
count="$(wc -l < "$ids")"
if ((count == 0)); then
  echo "no open cases at offset $offset: run ./lvs demo first, or a smaller OFFSET" >&2
  exit 1
fi
pid="$(pgrep -f "contact-sla-service/target/quarkus-app" | head -1)"
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
postmaster=.lvs/data/postgres/postmaster.pid
pg_pid=""
if [[ -f "$postmaster" ]]; then pg_pid="$(head -1 "$postmaster")"; fi
# the postmaster and its server processes; the pooled connections' backends live as long as the stack
pg_ticks() {
  if [[ -z "$pg_pid" ]]; then echo 0; return; fi
  # shellcheck disable=SC2046
  cat "/proc/$pg_pid/stat" $(pgrep -P "$pg_pid" | sed 's|.*|/proc/&/stat|') 2>/dev/null | awk '{s += $14 + $15} END {print s}'
}
hz="$(getconf CLK_TCK)"
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg); $count open cases"
t0="$(ticks)"
p0="$(pg_ticks)"
s0="$(date +%s%N)"
# One curl keeps 4 connections open and reuses them, as a handler's browser or the demo's replay does: a new
# connection per action would also time the TCP set-up and the close.
awk '{ printf "url = \"http://127.0.0.1:8083/api/v1/cases/%s/contacts\"\noutput = \"/dev/null\"\n", $1 }' "$ids" > "$urls"
curl -s --no-progress-meter -Z --parallel-max 4 -w "%{http_code}\n" -H "Authorization: Bearer $token" \
  -H 'Content-Type: application/json' -d '{"channel":"PHONE","outcome":"NO_ANSWER","note":"bench"}' \
  -K "$urls" | sort | uniq -c | sed 's/^/  HTTP /'
t1="$(ticks)"
p1="$(pg_ticks)"
s1="$(date +%s%N)"
awk -v t="$((t1 - t0))" -v hz="$hz" -v n="$count" -v ns="$((s1 - s0))" 'BEGIN {
  printf "contact-sla CPU %.1f s for %d actions: %.2f ms an action; %.1f actions/s\n",
    t / hz, n, 1000 * t / hz / n, n / (ns / 1e9) }'
if [[ -n "$pg_pid" ]]; then
  awk -v t="$((p1 - p0))" -v hz="$hz" -v n="$count" 'BEGIN {
    printf "PostgreSQL CPU %.1f s: %.2f ms an action\n", t / hz, 1000 * t / hz / n }'
fi
