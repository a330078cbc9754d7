# shellcheck shell=sh
# Finds a JDK >= 21 and exports JAVA_HOME. Sourced by ./mvnw and ./pingbase.
# Order: $JAVA_HOME, the `java` on PATH, then the usual install folders (newest first).
# Reads each JDK's `release` file instead of starting a JVM, so it costs nothing.

pingbase_jdk_major() { # $1 = JDK home; prints the major version or nothing
  _rel="$1/release"
  [ -f "$_rel" ] && [ -x "$1/bin/javac" ] || return 0
  _v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$_rel" | head -n 1)
  [ "$_v" = "1" ] && _v=8
  printf '%s' "$_v"
}

pingbase_find_jdk() {
  _need=21
  if [ -n "${JAVA_HOME:-}" ]; then
    _m=$(pingbase_jdk_major "$JAVA_HOME")
    if [ -n "$_m" ] && [ "$_m" -ge "$_need" ]; then return 0; fi
  fi
  if command -v java >/dev/null 2>&1; then
    _home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    _m=$(pingbase_jdk_major "$_home")
    if [ -n "$_m" ] && [ "$_m" -ge "$_need" ]; then JAVA_HOME=$_home; export JAVA_HOME; return 0; fi
  fi
  _best=""; _bestm=0
  for _d in /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
            "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    [ -d "$_d" ] || continue
    _m=$(pingbase_jdk_major "$_d")
    if [ -n "$_m" ] && [ "$_m" -ge "$_need" ] && [ "$_m" -gt "$_bestm" ]; then _best=$_d; _bestm=$_m; fi
  done
  if [ -n "$_best" ]; then JAVA_HOME=$(readlink -f "$_best"); export JAVA_HOME; return 0; fi
  echo "PingBase needs a JDK $_need or newer: none found in JAVA_HOME, on PATH or under /usr/lib/jvm." >&2
  echo "Install one (for example Temurin 21 or 25) or point JAVA_HOME at it." >&2
  return 1
}
