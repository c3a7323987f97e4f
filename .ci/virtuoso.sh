#!/usr/bin/env bash
# A private Virtuoso open source on loopback, for tests and benchmarks (never the package's service).
#
#   .ci/virtuoso.sh install                      apt-get the package if virtuoso-t is missing
#   .ci/virtuoso.sh start DIR [HTTP_PORT] [SQL_PORT]   own virtuoso.ini + database in DIR; waits until /sparql answers
#   .ci/virtuoso.sh load DIR [FILE_OR_DIR…]      PUT each file into its named graph (mannheim-kg load; default: ontology/ data/)
#   .ci/virtuoso.sh stop DIR                     stop the server started in DIR
#   .ci/virtuoso.sh url DIR                      print its SPARQL endpoint URL
#
# Both ports listen on 127.0.0.1 only. The dba password is the package default ("dba"): this
# instance is a throw-away on loopback; never expose it.
set -euo pipefail

die() { echo "virtuoso.sh: $*" >&2; exit 2; }

answers() {  # does the SPARQL endpoint on port $1 answer?
    python3 - "$1" <<'PY' 2>/dev/null
import sys, urllib.request
urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/sparql?query=ASK%7B%7D", timeout=2).read()
PY
}

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

cmd_install() {
    if command -v virtuoso-t >/dev/null 2>&1; then return 0; fi
    export DEBIAN_FRONTEND=noninteractive
    local sudo=""; [[ $(id -u) -eq 0 ]] || sudo="sudo -E"
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends virtuoso-opensource >/dev/null
    # The package starts its own service on 0.0.0.0:8890/1111: we use our own instance only.
    if command -v service >/dev/null 2>&1; then $sudo service virtuoso-opensource-7 stop >/dev/null 2>&1 || true; fi
}

write_ini() {
    local dir=$1 http=$2 sql=$3
    local vsp=/var/lib/virtuoso-opensource-7/vsp
    cat >"$dir/virtuoso.ini" <<INI
[Database]
DatabaseFile       = $dir/virtuoso.db
ErrorLogFile       = $dir/virtuoso.log
LockFile           = $dir/virtuoso.lck
TransactionFile    = $dir/virtuoso.trx
xa_persistent_file = $dir/virtuoso.pxa
ErrorLogLevel      = 7
FileExtend         = 200
MaxCheckpointRemap = 2000
Striping           = 0
TempStorage        = TempDatabase

[TempDatabase]
DatabaseFile       = $dir/virtuoso-temp.db
TransactionFile    = $dir/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping           = 0

[Parameters]
ServerPort           = 127.0.0.1:$sql
DisableUnixSocket    = 1
MaxClientConnections = 20
CheckpointInterval   = 60
CaseMode             = 2
DirsAllowed          = ., $dir, /usr/share/virtuoso-opensource-7/vad
NumberOfBuffers      = ${VIRTUOSO_BUFFERS:-85000}
MaxDirtyBuffers      = ${VIRTUOSO_DIRTY_BUFFERS:-65000}
MaxQueryMem          = 1G
ThreadsPerQuery      = 2
AsyncQueueMaxThreads = 4
VADInstallDir        = /usr/share/virtuoso-opensource-7/vad/

[HTTPServer]
ServerPort           = 127.0.0.1:$http
ServerRoot           = $vsp
MaxClientConnections = 20
ServerThreads        = 20
MaxKeepAlives        = 20
KeepAliveTimeout     = 10
EnabledGzipContent   = 0
Charset              = UTF-8

[SPARQL]
ResultSetMaxRows           = ${VIRTUOSO_MAX_ROWS:-1048576}
MaxQueryCostEstimationTime = 400
MaxQueryExecutionTime      = 0
DefaultGraph               =
INI
}

cmd_start() {
    local dir=${1:?usage: start DIR [HTTP_PORT] [SQL_PORT]}
    mkdir -p "$dir"; dir=$(cd "$dir" && pwd)
    command -v virtuoso-t >/dev/null 2>&1 || die "virtuoso-t is not installed (run: $0 install)"
    # ports: as given, else those of the last start in DIR (a restart keeps its URL), else free ones
    local http=${2:-$(cat "$dir/http_port" 2>/dev/null || free_port)}
    local sql=${3:-$(cat "$dir/sql_port" 2>/dev/null || free_port)}
    if [[ -f $dir/http_port ]] && answers "$(cat "$dir/http_port")"; then
        echo "virtuoso already running: $(cmd_url "$dir")"; return 0
    fi
    write_ini "$dir" "$http" "$sql"
    echo "$http" >"$dir/http_port"; echo "$sql" >"$dir/sql_port"
    pushd "$dir" >/dev/null
    virtuoso-t +configfile "$dir/virtuoso.ini" +foreground >"$dir/stdout.log" 2>&1 </dev/null &
    echo $! >"$dir/pid"
    popd >/dev/null
    local deadline=$((SECONDS + ${VIRTUOSO_START_TIMEOUT:-240}))
    until answers "$http"; do
        if ! kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
            tail -n 30 "$dir/virtuoso.log" "$dir/stdout.log" >&2 || true; die "virtuoso-t exited while starting"
        fi
        ((SECONDS < deadline)) || { cmd_stop "$dir"; die "virtuoso-t did not answer within the time limit"; }
        sleep 0.5
    done
    echo "virtuoso running: $(cmd_url "$dir") (pid $(cat "$dir/pid"))"
}

cmd_url() {
    local dir=${1:?usage: url DIR}
    echo "http://127.0.0.1:$(cat "$dir/http_port")/sparql"
}

cmd_load() {
    local dir=${1:?usage: load DIR [FILE_OR_DIR…]}; shift
    local http; http=$(cat "$dir/http_port")
    local args=()
    for source in "$@"; do args+=(--data "$source"); done
    "${MANNHEIM_KG:-mannheim-kg}" load "http://127.0.0.1:$http/sparql-graph-crud-auth" \
        --auth digest --user dba:dba "${args[@]}"
}

cmd_stop() {
    local dir=${1:?usage: stop DIR}
    [[ -f $dir/pid ]] || return 0
    local pid; pid=$(cat "$dir/pid")
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
        kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$dir/pid"
}

command=${1:-}; shift || true
case $command in
    install) cmd_install ;;
    start) cmd_start "$@" ;;
    load) cmd_load "$@" ;;
    stop) cmd_stop "$@" ;;
    url) cmd_url "$@" ;;
    *) die "usage: $0 install|start DIR [HTTP_PORT] [SQL_PORT]|load DIR [FILES…]|stop DIR|url DIR" ;;
esac
