#!/usr/bin/env bash
# Runs INSTANCES instances of the packaged jar and HAProxy in front of them, all on localhost:
#   mvn -B -q package -DskipTests && deploy/local-cluster.sh        then open http://localhost:8080/
# Environment: INSTANCES (default 2), PORT (the proxy's, default 8080), BASE_PORT (the first instance's, default
# PORT+1; the others follow), JAR (default target/backprop-playground.jar), JAVA_OPTS (default -Xmx300m),
# SESSION_SECRET (default: drawn once here and shared by every instance, so that a session cookie is good on all).
# SIGTERM or Ctrl-C stops them all. Prints one line per process: "started NAME pid PID port PORT".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
INSTANCES="${INSTANCES:-2}"
PORT="${PORT:-8080}"
BASE_PORT="${BASE_PORT:-$((PORT + 1))}"
JAR="${JAR:-$here/../target/backprop-playground.jar}"
JAVA_OPTS="${JAVA_OPTS:--Xmx300m}"
SESSION_SECRET="${SESSION_SECRET:-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')}"

if ! [[ "$INSTANCES" =~ ^[1-9][0-9]*$ ]]; then echo "INSTANCES must be a number from 1, got '$INSTANCES'" >&2; exit 2; fi
if ! [[ "$PORT" =~ ^[0-9]+$ && "$BASE_PORT" =~ ^[0-9]+$ ]]; then echo "PORT and BASE_PORT must be numbers" >&2; exit 2; fi
if [ ! -f "$JAR" ]; then echo "no jar at $JAR: run 'mvn -B -q package -DskipTests' first" >&2; exit 2; fi
HAPROXY="${HAPROXY:-$(command -v haproxy || echo /usr/sbin/haproxy)}"
if [ ! -x "$HAPROXY" ]; then echo "haproxy is not installed (Debian: apt-get install haproxy)" >&2; exit 2; fi

pids=()
cfg="$(mktemp "${TMPDIR:-/tmp}/playground-haproxy.XXXXXX")"
stop() {
  trap - TERM INT EXIT
  echo "stopping ${#pids[@]} processes"
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -f "$cfg"
}
trap 'stop; exit 0' TERM INT
trap stop EXIT

# the repo's config with one server line per instance instead of its two examples
grep -v '^    server ' "$here/haproxy.cfg" > "$cfg"
for i in $(seq 1 "$INSTANCES"); do
  echo "    server app$i 127.0.0.1:$((BASE_PORT + i - 1)) check cookie app$i" >> "$cfg"
done

for i in $(seq 1 "$INSTANCES"); do
  port=$((BASE_PORT + i - 1))
  # shellcheck disable=SC2086 # JAVA_OPTS is a list of flags
  PORT="$port" INSTANCE="app$i" SESSION_SECRET="$SESSION_SECRET" TRUST_PROXY=true \
    java $JAVA_OPTS -jar "$JAR" &
  pids+=("$!")
  echo "started app$i pid $! port $port"
done
# each instance answers /health before the proxy opens (bash's /dev/tcp: no curl needed)
healthy() {
  { exec 3<>"/dev/tcp/127.0.0.1/$1"; } 2>/dev/null || return 1
  printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
  local status
  read -r -t 5 status <&3 || status=""
  exec 3<&- 3>&-
  [[ "$status" == *" 200 "* ]]
}
for i in $(seq 1 "$INSTANCES"); do
  port=$((BASE_PORT + i - 1))
  for _ in $(seq 1 600); do healthy "$port" && break; sleep 0.1; done
  healthy "$port" || { echo "app$i did not answer /health on port $port within 60 s" >&2; exit 1; }
done

PORT="$PORT" "$HAPROXY" -db -f "$cfg" &
proxy=$!
pids+=("$proxy")
echo "started haproxy pid $proxy port $PORT"
for _ in $(seq 1 300); do healthy "$PORT" && break; kill -0 "$proxy" 2>/dev/null || break; sleep 0.1; done
healthy "$PORT" || { echo "haproxy did not answer /health on port $PORT within 30 s" >&2; exit 1; }
echo "ready: http://localhost:$PORT/"

# until SIGTERM or Ctrl-C: an instance that dies leaves the others serving (HAProxy sends its visitors elsewhere)
while true; do
  wait -n || true
  if ! kill -0 "$proxy" 2>/dev/null; then echo "haproxy has ended" >&2; exit 1; fi
  alive=0
  for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=$((alive + 1)); done
  if [ "$alive" -eq 0 ]; then echo "every process has ended"; exit 1; fi
done
