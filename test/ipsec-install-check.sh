#!/usr/bin/env bash
# Install check: the README's "Write your own simulation" route, followed as printed.
# - the script and CMakeLists.txt shown in README.md must be examples/own-simulation/'s files;
# - the README's install commands install this build into a prefix under BUILD_DIR/install-check
#   (HOME points there while they run);
# - what is installed: the library and its SONAME, every header (identical, self-contained),
#   the CMake package and the pkg-config file, none of them pointing into the build tree;
# - the README's CMake and pkg-config build commands build the example out of tree against that
#   prefix only (the package, headers and library found are the prefix's);
# - both programs run and print exactly the output shown in the README.
# Everything it writes is under BUILD_DIR/install-check. Any failed step fails the test.
# Usage: ipsec-install-check.sh BUILD_DIR
set -euo pipefail
source=$(cd "$(dirname "$0")/.." && pwd)
build=$(cd "$1" && pwd)
readme=$source/README.md
example=$source/examples/own-simulation
work=$build/install-check
rm -rf "$work"
mkdir -p "$work/home" "$work/tmp"
# Nothing outside the build tree: home, temporary files and the "build" folder the README's
# commands name all lead into it; only the README's settings say where the package is.
export HOME=$work/home TMPDIR=$work/tmp
unset CMAKE_PREFIX_PATH PKG_CONFIG_PATH LD_LIBRARY_PATH
ln -s "$build" "$work/build"

fail() {
    echo "FAIL: $*" >&2
    exit 1
}

# The fenced block right after the line "<!-- install-check: NAME -->" in README.md.
block() {
    awk -v name="$1" '
        $0 == "<!-- install-check: " name " -->" { state = 1; next }
        state == 1 { if ($0 ~ /^```/) { state = 2; next } exit }
        state == 2 { if ($0 ~ /^```/) { state = 3; exit } print }
        END { exit state == 3 ? 0 : 1 }' "$readme" ||
        fail "README.md has no fenced block right after <!-- install-check: $1 -->"
}

echo "== README shows the repository's files"
for file in my-simulation.cc CMakeLists.txt; do
    block "examples/own-simulation/$file" >"$work/readme-$file"
    diff -u "$example/$file" "$work/readme-$file" ||
        fail "README.md's copy of examples/own-simulation/$file differs (above)"
done
installBlock=$(block install)
cmakeBlock=$(block cmake)
pkgconfigBlock=$(block pkg-config)
block output >"$work/readme-output.txt"

echo "== install (README's commands, run from $work)"
printf '%s\n' "$installBlock"
# The block sets prefix and exports the search paths: keep both for the steps below.
bash -euo pipefail -c "cd '$work'
$installBlock
export -p >'$work/readme-env.sh'
declare -p prefix >>'$work/readme-env.sh'" >"$work/install.log" 2>&1 ||
    { cat "$work/install.log"; fail "the README's install commands failed"; }
# shellcheck source=/dev/null
source "$work/readme-env.sh"
prefix=${prefix:?the install block of README.md must set prefix}
case "$prefix" in
"$work"/*) ;;
*) fail "the README's prefix $prefix is not under \$HOME" ;;
esac

echo "== installed files under $prefix"
lib=$prefix/lib
[ -f "$lib/libns3-ipsec.so" ] || fail "no $lib/libns3-ipsec.so"
soname=$(objdump -p "$lib/libns3-ipsec.so" | awk '$1 == "SONAME" { print $2 }')
[[ "$soname" =~ ^libns3-ipsec\.so\.[0-9]+\.[0-9]+$ ]] || fail "SONAME '$soname'"
if [ ! -L "$lib/$soname" ] || [ ! -f "$lib/$soname" ]; then fail "no $lib/$soname link"; fi
if objdump -p "$lib/libns3-ipsec.so" | grep -E 'R(UN)?PATH' | grep -qF "$build"; then
    fail "the installed library's run path points into the build tree"
fi
headers=0
while IFS= read -r header; do
    cmp -s "$header" "$prefix/include/ns3/$(basename "$header")" ||
        fail "$(basename "$header") missing or different in $prefix/include/ns3"
    headers=$((headers + 1))
done < <(find "$source/model" "$source/helper" -name '*.h')
installed=$(find "$prefix/include" -type f | wc -l)
[ "$installed" -eq "$headers" ] || fail "$installed files under include, $headers headers"
# Self-contained: every ns3/ header they include is installed or is ns-3's own.
while IFS= read -r included; do
    [ -f "$prefix/include/ns3/$included" ] || [ -f "/usr/include/ns3/$included" ] ||
        fail "installed headers include ns3/$included, which is nowhere"
done < <(sed -n 's|^#include "ns3/\([^"]*\)".*|\1|p' "$prefix"/include/ns3/*.h | sort -u)
for file in cmake/ns3-ipsec/ns3-ipsec-config.cmake cmake/ns3-ipsec/ns3-ipsec-config-version.cmake \
    cmake/ns3-ipsec/ns3-ipsec-targets.cmake pkgconfig/ns3-ipsec.pc; do
    [ -f "$lib/$file" ] || fail "no $lib/$file"
done
# (The prefix itself may lie under the source tree, as build/ does: look for its folders.)
if grep -rlF -e "$build/include" -e "$build/CMakeFiles" -e "$source/model" -e "$source/helper" \
    "$lib/cmake" "$lib/pkgconfig" "$prefix/include"; then
    fail "installed files (above) point into the build or source tree"
fi
# A sanitized library needs sanitized programs: both routes must hand the options on.
sanitize=$(sed -n 's/^IPSEC_SANITIZE:BOOL=//p' "$build/CMakeCache.txt")
cflags=$(pkg-config --cflags ns3-ipsec)
libs=$(pkg-config --libs ns3-ipsec)
for flag in -I"$prefix/include" -DNS3_LOG_ENABLE -DNS3_ASSERT_ENABLE; do
    grep -qwe "$flag" <<<"$cflags" || fail "pkg-config --cflags lacks $flag: $cflags"
done
grep -qwe "-lns3-ipsec" <<<"$libs" || fail "pkg-config --libs lacks -lns3-ipsec: $libs"
targets=$lib/cmake/ns3-ipsec/ns3-ipsec-targets.cmake
compileOptions=$(grep INTERFACE_COMPILE_OPTIONS "$targets" || true)
linkOptions=$(grep INTERFACE_LINK_OPTIONS "$targets" || true)
for text in "$cflags" "$libs" "$compileOptions" "$linkOptions"; do
    if [ "$sanitize" = ON ]; then
        grep -qe "-fsanitize=address,undefined" <<<"$text" || fail "no sanitizer options in: $text"
    elif grep -qe "-fsanitize" <<<"$text"; then
        fail "sanitizer options from a plain build: $text"
    fi
done
echo "ok: $soname, $headers headers, CMake package, ns3-ipsec.pc (sanitizer options: $sanitize)"

# Builds the example in a fresh folder with a README block, as a reader's shell would after the
# install commands; runs the program and compares its output with the README's.
route() { # name, commands, program
    local name=$1 commands=$2 program=$3
    local dir=$work/$name
    echo "== $name build (README's commands, in a copy of examples/own-simulation)"
    printf '%s\n' "$commands"
    mkdir "$dir"
    cp "$example/my-simulation.cc" "$example/CMakeLists.txt" "$dir/"
    local start=$SECONDS
    bash -euo pipefail -c "source '$work/readme-env.sh'
cd '$dir'
$commands" >"$dir/build.log" 2>&1 || { cat "$dir/build.log"; fail "$name build failed"; }
    echo "built in $((SECONDS - start)) s"
    local used
    used=$(ldd "$dir/$program" | awk '$1 ~ /^libns3-ipsec\.so/ { print $3 }')
    [[ "$used" == "$lib"/* ]] || fail "$name: $program loads libns3-ipsec from '$used'"
    local status=0
    start=$SECONDS
    (cd "$dir" && "./$program" >"$dir/output.txt" 2>"$dir/stderr.txt") || status=$?
    cat "$dir/output.txt" "$dir/stderr.txt"
    [ "$status" -eq 0 ] || fail "$name: $program exited with $status"
    diff -u "$work/readme-output.txt" "$dir/output.txt" ||
        fail "$name: the output differs from README.md's (above)"
    echo "ok: $name ($((SECONDS - start)) s to run)"
}
route cmake "$cmakeBlock" build/my-simulation
# The package and the headers the compiler read are the prefix's, not the build tree's.
cache=$work/cmake/build/CMakeCache.txt
grep -qxF "ns3-ipsec_DIR:PATH=$lib/cmake/ns3-ipsec" "$cache" ||
    fail "CMake found ns3-ipsec elsewhere: $(grep '^ns3-ipsec_DIR' "$cache")"
depfile=$(find "$work/cmake/build" -name 'my-simulation.cc.o.d' -print -quit)
[ -n "$depfile" ] || fail "no dependency file of the CMake build"
grep -qF "$prefix/include/ns3/ipsec-module.h" "$depfile" || fail "ipsec-module.h not from $prefix"
if grep -rqF "$build/include" "$work/cmake/build"; then
    fail "the CMake build uses the build tree's headers"
fi
route pkg-config "$pkgconfigBlock" my-simulation

# The key lines (the README's output could be wrong too): every echo answered under ESP, one
# main mode and one quick mode SA pair per host, nothing in the clear.
output=$work/readme-output.txt
grep -qx 'UDP echo 10.1.1.1 -> 10.1.1.2: 10 requests sent, 10 replies received' "$output" ||
    fail "README's output: not every echo request was answered"
for host in A B; do
    grep -qx "host$host: ESP out 10, ESP in 10, clear 0; main mode SAs 1, quick mode SA pairs 1" \
        "$output" || fail "README's output: host$host line"
done
echo "PASS"
