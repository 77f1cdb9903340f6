#!/usr/bin/env bash
# Installs migcheck's build and test dependencies (Debian packages) when any is
# missing, then configures and builds. Idempotent: a second run only rebuilds.
#   setup.sh [--target NAME] [-DOPTION=VALUE...]
# --target builds one target instead of everything (make demo needs only the
# binary, not the test suite); -D options go to the first configure of the
# build directory (make sanitize: -DMIGCHECK_SANITIZE=ON).
set -euo pipefail
cd "$(dirname "$0")/.."

target=()
cmake_options=()
while (($#)); do
  case $1 in
    --target) target=(--target "$2"); shift 2 ;;
    -D*) cmake_options+=("$1"); shift ;;
    *) echo "setup: unknown argument $1" >&2; exit 2 ;;
  esac
done

packages=(
  build-essential cmake ninja-build pkg-config git
  libpg-query-dev libgit2-dev libpqxx-dev nlohmann-json3-dev libcli11-dev
  doctest-dev libtomlplusplus-dev
  postgresql-15 python3 python3-alembic python3-psycopg2 python3-yaml
  neovim
)
# npm packages the VS Code extension (editors/vscode); Node's own packages
# bring it, Debian's nodejs does not.
command -v npm >/dev/null || packages+=(npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "setup: installing ${missing[*]}"
  sudo_cmd=()
  [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
fi

build_dir=${MIGCHECK_BUILD_DIR:-build}
werror=OFF
[[ ${CI:-} == true ]] && werror=ON
if [[ ! -f $build_dir/build.ninja ]]; then
  cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DMIGCHECK_WERROR=$werror \
    "${cmake_options[@]}"
fi
cmake --build "$build_dir" -j "$(nproc)" "${target[@]}"
