# Sourced by ./vmguard, ./run-tests and .ci/run: points JAVA_HOME at a JDK that can build vmguard
# (21 or newer; Debian 12's default java is 17). Prefers an already-set JAVA_HOME that is new enough.
vmguard_jdk_ok() {
    [ -x "$1/bin/javac" ] || return 1
    local v
    v=$("$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    [ -n "$v" ] && [ "${v%%.*}" -ge 21 ] 2>/dev/null
}
if [ -z "${JAVA_HOME:-}" ] || ! vmguard_jdk_ok "$JAVA_HOME"; then
    JAVA_HOME=
    for d in /usr/lib/jvm/temurin-25-jdk* /usr/lib/jvm/temurin-2[1-9]* /usr/lib/jvm/java-2[1-9]-openjdk* /usr/lib/jvm/*; do
        if [ -d "$d" ] && vmguard_jdk_ok "$d"; then JAVA_HOME=$d; break; fi
    done
    if [ -z "$JAVA_HOME" ]; then
        echo "vmguard: needs a JDK 21 or newer (the Temurin 25 JDK under /usr/lib/jvm); set JAVA_HOME" >&2
        exit 2
    fi
fi
export JAVA_HOME
