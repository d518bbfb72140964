#!/usr/bin/env bash
# Does what a Heroku-style platform does with this repo, on this machine, and checks the result:
#   1. a clean clone of the committed HEAD (nothing from this work tree's target/),
#   2. the Heroku Java buildpack's build command: mvn -DskipTests clean dependency:list install,
#   3. the Procfile, as is, under a Procfile runner (Debian's ruby-foreman: foreman start) with PORT set,
#   4. GET /health answers {"status":"ok",...} within 90 s; then SIGTERM to foreman stops the app within 20 s.
# Needs git, mvn, foreman (apt-get install ruby-foreman). Exit 0 if all held, 1 if not.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
PORT="${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 5123)}"
work="$(mktemp -d "${TMPDIR:-/tmp}/platform-check.XXXXXX")"
runner=""
cleanup() {
  if [ -n "$runner" ] && kill -0 "$runner" 2>/dev/null; then kill -TERM "$runner" 2>/dev/null || true; sleep 2; kill -KILL "$runner" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "platform-check: FAILED: $*" >&2; [ -f "$work/run.log" ] && tail -40 "$work/run.log" >&2; exit 1; }

echo "--- a clean clone of $(git -C "$repo" rev-parse --short HEAD)"
git clone -q --no-local "$repo" "$work/app"
cd "$work/app"
for f in Procfile system.properties app.json; do [ -f "$f" ] || fail "no $f in the repo"; done
grep -q '^java.runtime.version=17$' system.properties || fail "system.properties does not ask for Java 17"

echo "--- the buildpack's build: mvn -DskipTests clean dependency:list install"
start=$(date +%s)
mvn -B -DskipTests clean dependency:list install > "$work/build.log" 2>&1 || { tail -40 "$work/build.log"; fail "the build failed"; }
echo "built in $(( $(date +%s) - start )) s: $(ls -l target/backprop-playground.jar | awk '{print $5}') bytes"

echo "--- foreman start (the Procfile as is) with PORT=$PORT"
JAVA_OPTS="${JAVA_OPTS:--Xmx300m}" foreman start -p "$PORT" > "$work/run.log" 2>&1 &
runner=$!
body=""
for _ in $(seq 1 180); do
  kill -0 "$runner" 2>/dev/null || fail "foreman ended before /health answered"
  if body="$( { exec 3<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null && printf 'GET /health HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3 && cat <&3)"; then
    [[ "$body" == *'"status":"ok"'* ]] && break
  fi
  sleep 0.5
done
[[ "$body" == *'"status":"ok"'* ]] || fail "/health did not answer ok on port $PORT within 90 s"
echo "/health: ${body##*$'\r\n\r\n'}"

echo "--- SIGTERM"
kill -TERM "$runner"
for _ in $(seq 1 40); do kill -0 "$runner" 2>/dev/null || break; sleep 0.5; done
kill -0 "$runner" 2>/dev/null && fail "still running 20 s after SIGTERM"
runner=""
# foreman is gone once it has passed SIGTERM on; the app may take a moment more to drain and close its port
closed=""
for _ in $(seq 1 40); do
  if ! { exec 3<>"/dev/tcp/127.0.0.1/$PORT"; } 2>/dev/null; then closed=yes; break; fi
  exec 3<&- 3>&-
  sleep 0.5
done
[ -n "$closed" ] || fail "port $PORT still answers 20 s after SIGTERM"
echo "platform-check: the buildpack's build, the Procfile under foreman, /health and SIGTERM all held"
