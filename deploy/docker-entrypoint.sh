#!/bin/sh
# Runs one Mnemo service: the first argument, else $MNEMO_SERVICE. `exec` lets node get SIGTERM.
set -eu

service="${1:-${MNEMO_SERVICE:-}}"
case "$service" in
  gateway | extractor | embedder | vector-store | structured-data | webhook-dispatcher) ;;
  *)
    echo "usage: mnemo-service <gateway|extractor|embedder|vector-store|structured-data|webhook-dispatcher>" >&2
    echo "       (or set MNEMO_SERVICE); got: '${service}'" >&2
    exit 64
    ;;
esac

exec node "/app/dist/apps/${service}/apps/${service}/src/main.js"
