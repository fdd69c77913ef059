#!/usr/bin/env bash
# What a summary costs on the running ./lvs stack (after ./lvs demo, say): asks metrics-service for each period's
# summary N times, one after another, and prints each period's median and slowest answer, metrics-service's and
# PostgreSQL's CPU a summary, and the machine's load. The quarterly report and the dashboard build on the same summary.
# It asserts nothing. Run it from the repository's root:
#   metrics-service/bench/summary.sh [N] [PERIOD ...]   (defaults: 5 runs of 2017-18, 2017-18-Q1 and 2017-18-Q2)
set -euo pipefail
n="${1:-5}"
shift || true
periods=("$@")
if [[ ${#periods[@]} -eq 0 ]]; then
  periods=(2017-18 2017-18-Q1 2017-18-Q2)
fi
token="$(./lvs token ops)"
hz="$(getconf CLK_TCK)"
metrics_pid="$(cat .lvs/run/metrics-service.pid)"
postmaster_pid="$(head -n 1 .lvs/data/postgres/postmaster.pid)"
# CPU ticks of a process and its children, living and reaped (PostgreSQL's backends are the postmaster's children)
ticks() {
  local total=0 p
  for p in "$1" $(pgrep -P "$1"); do
    if [[ -r "/proc/$p/stat" ]]; then
      total=$((total + $(sed 's/.*) //' "/proc/$p/stat" | awk '{print $12 + $13 + $14 + $15}')))
    fi
  done
  echo "$total"
}
echo "load before: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min) on $(nproc) cores"
for period in "${periods[@]}"; do
  m0="$(ticks "$metrics_pid")"
  p0="$(ticks "$postmaster_pid")"
  times="$(for _ in $(seq "$n"); do
    curl -s -o /dev/null -w '%{http_code} %{time_total}\n' -H "Authorization: Bearer $token" \
      "http://127.0.0.1:8084/api/v1/metrics/summary?period=$period"
  done)"
  m1="$(ticks "$metrics_pid")"
  p1="$(ticks "$postmaster_pid")"
  if grep -qv '^200 ' <<< "$times"; then
    echo "$period: not every answer was 200:"
    sort <<< "$times" | uniq -c
    exit 1
  fi
  awk '{print $2}' <<< "$times" | sort -n | awk -v period="$period" -v n="$n" -v hz="$hz" \
    -v m="$((m1 - m0))" -v p="$((p1 - p0))" '{ t[NR] = $1 } END {
      printf "%-12s median %.2f s, slowest %.2f s over %d; CPU a summary: metrics %.2f s, PostgreSQL %.2f s\n",
        period, t[int((NR + 1) / 2)], t[NR], n, m / hz / n, p / hz / n }'
done
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
