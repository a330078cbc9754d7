# shellcheck shell=sh
# Finds a JDK >= 21 and exports JAVA_HOME. Sourced by ./mvnw and ./pingbase.
# Order: $JAVA_HOME, the `java` on PATH, then the usual install folders (newest first). A JDK
# that is too old is passed over, not an error: the default `java` of many machines is 17.
# Reads each JDK's `release` file instead of starting a JVM, so it costs nothing.
# PINGBASE_JDK_SEARCH_DIRS replaces the install folders: JDK homes or globs separated by spaces
# (for unusual layouts, and for the tests in src/test/java/io/pingbase/cli/JdkFinderTest.java).

pingbase_jdk_major() { # $1 = JDK home; prints the major version or nothing
  _rel="$1/release"
  [ -f "$_rel" ] && [ -x "$1/bin/javac" ] || return 0
  _v=$(sed -n 's/^JAVA_VERSION="\([0-9][0-9]*\).*/\1/p' "$_rel" | head -n 1)
  [ "$_v" = "1" ] && _v=8
  printf '%s' "$_v"
}

pingbase_jdk_describe() { # $1 = major version or empty
  if [ -n "$1" ]; then printf 'JDK %s, too old' "$1"; else printf 'not a JDK (no release file or bin/javac)'; fi
}

pingbase_find_jdk() {
  _need=21
  _seen=""
  if [ -n "${JAVA_HOME:-}" ]; then
    _m=$(pingbase_jdk_major "$JAVA_HOME")
    if [ -n "$_m" ] && [ "$_m" -ge "$_need" ]; then export JAVA_HOME; return 0; fi
    _seen="$_seen
  JAVA_HOME=$JAVA_HOME: $(pingbase_jdk_describe "$_m")"
  fi
  if command -v java >/dev/null 2>&1; then
    _home=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
    _m=$(pingbase_jdk_major "$_home")
    if [ -n "$_m" ] && [ "$_m" -ge "$_need" ]; then JAVA_HOME=$_home; export JAVA_HOME; return 0; fi
    _seen="$_seen
  java on PATH: $_home: $(pingbase_jdk_describe "$_m")"
  fi
  if [ -n "${PINGBASE_JDK_SEARCH_DIRS:-}" ]; then
    _where=$PINGBASE_JDK_SEARCH_DIRS
    # Word splitting and glob expansion are the point here.
    # shellcheck disable=SC2086
    set -- $PINGBASE_JDK_SEARCH_DIRS
  else
    _where="/usr/lib/jvm, /usr/java, /opt/java, /opt/jdk*, ~/.sdkman, ~/.jdks, /Library/Java"
    set -- /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/* \
           "$HOME"/.jdks/* /Library/Java/JavaVirtualMachines/*/Contents/Home
  fi
  _best=""; _bestm=0
  for _d in "$@"; do
    [ -d "$_d" ] || continue
    _m=$(pingbase_jdk_major "$_d")
    if [ -n "$_m" ] && [ "$_m" -ge "$_need" ] && [ "$_m" -gt "$_bestm" ]; then _best=$_d; _bestm=$_m; fi
  done
  if [ -n "$_best" ]; then JAVA_HOME=$(readlink -f "$_best"); export JAVA_HOME; return 0; fi
  echo "PingBase needs a JDK $_need or newer; none found.$_seen
  searched: $_where" >&2
  echo "Install one (for example Temurin 21 or 25) or point JAVA_HOME at it." >&2
  return 1
}
