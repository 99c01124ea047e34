#!/usr/bin/env bash
# Start-up of the benchmark application without an agent and with each agent jar given,
# launched interleaved (none, jar 1, jar 2, none, ...): wall time to the first 200 on /hello and
# the CPU time used until then, in all and by thread group (main, JIT compiler threads), from
# /proc. Prints each launch, then the medians. Needs the benchmark app built
# (mvn -B -DskipTests package -pl agent,benchmarks/app -am) and curl. The agents run with their
# defaults (no OTLP receiver is started: exports after the first response fail quietly).
#
#   benchmarks/startup.sh [--rounds=N] [label=path/to/agent.jar ...]
#   benchmarks/startup.sh --rounds=6 before=/tmp/old-agent.jar after=agent/target/parley-agent.jar
#
# Without a jar it compares no agent with agent/target/parley-agent.jar.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=6
variants=()
for arg in "$@"; do
  case "$arg" in
    --rounds=*) rounds="${arg#--rounds=}" ;;
    *=*) variants+=("$arg") ;;
    *) echo "usage: $0 [--rounds=N] [label=agent.jar ...]" >&2; exit 2 ;;
  esac
done
[[ ${#variants[@]} -gt 0 ]] || variants=("parley=agent/target/parley-agent.jar")
app=benchmarks/app/target/parley-benchmark-app.jar
[[ -f "$app" ]] || { echo "build the benchmark app first: $app is missing" >&2; exit 2; }
logs=benchmarks/target/startup
mkdir -p "$logs"
tick=$(getconf CLK_TCK)

# cpu_ms PID [thread-name-regex]: user + system CPU of the process, or of its matching threads
cpu_ms() {
  local total=0 name stat
  for task in /proc/"$1"/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    [[ -z "${2:-}" || "$name" =~ $2 ]] || continue
    stat=$(sed 's/.*) //' "$task/stat" 2>/dev/null) || continue
    set -- "$1" "${2:-}" $stat
    total=$((total + ${14} + ${15}))
    set -- "$1" "${2:-}"
  done
  echo $((total * 1000 / tick))
}

launch() { # label [agent jar]
  local label=$1 jar=${2:-} port=$((20000 + RANDOM % 20000)) start end pid
  local options=(-Xmx512m)
  [[ -n "$jar" ]] && options+=("-javaagent:$jar")
  start=$(date +%s%N)
  env -u JAVA_TOOL_OPTIONS \
    java "${options[@]}" -jar "$app" --server.port=$port >"$logs/$label.log" 2>&1 &
  pid=$!
  until curl -sf -o /dev/null "http://127.0.0.1:$port/hello"; do
    kill -0 $pid 2>/dev/null || { echo "$label did not start, see $logs/$label.log" >&2; exit 1; }
    sleep 0.01
  done
  end=$(date +%s%N)
  # the whole process from /proc/PID/stat (threads that ended count too), then by group
  local stat all
  stat=$(sed 's/.*) //' /proc/$pid/stat)
  set -- $stat
  all=$(( (${12} + ${13}) * 1000 / tick ))
  echo "$label wall=$(( (end - start) / 1000000 )) cpu=$all main=$(cpu_ms $pid '^java$') jit=$(cpu_ms $pid '^C[12] CompilerThre')"
  kill $pid
  wait $pid 2>/dev/null || true
}

results=$(mktemp)
for ((round = 1; round <= rounds; round++)); do
  launch none | tee -a "$results" >&2
  for variant in "${variants[@]}"; do
    launch "${variant%%=*}" "${variant#*=}" | tee -a "$results" >&2
  done
done

echo "| medians of $rounds launches | wall to first /hello (ms) | CPU (ms) | main thread CPU (ms) | JIT threads CPU (ms) |"
echo "|---|---:|---:|---:|---:|"
for label in none "${variants[@]%%=*}"; do
  row="| $label"
  for field in wall cpu main jit; do
    row+=" | $(grep "^$label " "$results" | grep -o " $field=[0-9]*" | cut -d= -f2 | sort -n |
      awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : int((v[NR / 2] + v[NR / 2 + 1]) / 2)}')"
  done
  echo "$row |"
done
rm -f "$results"
