#!/usr/bin/env bash
# The WordPress plugin's static checks: `php -l` on every PHP file of the plugin, its tests and
# these e2e scripts, then its PHPUnit tests (Debian's phpunit). Needs php-cli and phpunit.
#   bash e2e/wordpress/unit.sh
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
wp_src="$root/src/wordpress"

lint_failed=0
linted=0
while IFS= read -r -d '' file; do
  linted=$((linted + 1))
  if ! out=$(php -n -d display_errors=stderr -l "$file" 2>&1); then
    echo "$out"
    lint_failed=1
  fi
done < <(find "$wp_src" "$here" -name '*.php' -print0)
if [ "$lint_failed" -ne 0 ]; then
  echo "FAIL: php -l found errors"
  exit 1
fi
echo "php -l: $linted files, no syntax errors"

phpunit --colors=never -c "$wp_src/phpunit.xml.dist"
