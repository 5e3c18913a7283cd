#!/usr/bin/env bash
# Makes the commit that pre-commit users pin (rev: hook-v<version>): HEAD plus the compiled
# JavaScript (dist/), tagged, without touching the working tree or the branch. The pre-commit hook
# (bin/p5050-pre-commit) runs that dist/ and installs only the runtime dependencies.
#   scripts/hook-release.sh            # builds, tags hook-v<package version>
#   scripts/hook-release.sh my-tag     # another tag name
set -euo pipefail
# The repository it is run in (a maintainer's checkout, or a test's clone).
cd "$(git rev-parse --show-toplevel)"
version=$(node -p 'require("./package.json").version')
tag=${1:-hook-v$version}
[ -n "${P5050_NO_BUILD:-}" ] || npm run build >/dev/null
index=$(mktemp)
trap 'rm -f "$index"' EXIT
GIT_INDEX_FILE=$index git read-tree HEAD
GIT_INDEX_FILE=$index git add -f dist
tree=$(GIT_INDEX_FILE=$index git write-tree)
commit=$(git commit-tree "$tree" -p HEAD -m "p5050 $version for the pre-commit framework: ships dist/")
git tag -f "$tag" "$commit" >/dev/null
echo "$tag $commit"
