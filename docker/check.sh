#!/usr/bin/env bash
# Checks the container files without a Docker engine: the compose file parses (docker-compose
# config) and the Dockerfile passes a linter (dockerfilelint from npm). Installs both when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v docker-compose >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
fi
docker-compose -f docker/docker-compose.yml config >/dev/null
echo "docker/docker-compose.yml: parses"
lint_dir="${TMPDIR:-/tmp}/wplp-dockerfilelint"
if [ ! -x "$lint_dir/node_modules/.bin/dockerfilelint" ]; then
  mkdir -p "$lint_dir"
  npm install --silent --prefix "$lint_dir" dockerfilelint@1.8.0 >/dev/null 2>&1
fi
"$lint_dir/node_modules/.bin/dockerfilelint" docker/Dockerfile
