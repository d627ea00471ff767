#!/usr/bin/env bash
# Development stand-in for the dist archive (modules/dist, issue 4) while that module is not in
# this branch: same layout (classcord-<version>/bin/classcord, config/application.yaml, docs/),
# but a copied JDK and the module jars instead of a jlink image. Prints the archive's path.
# e2e.sh uses the real dist automatically as soon as modules/dist exists.
set -euo pipefail
cd "$(dirname "$0")/../.."
JDK=${CLASSCORD_STANDIN_JDK:-/usr/lib/jvm/temurin-25-jdk-amd64}
# The project's own version: the first <version> of the root pom, right after its artifactId.
version=$(sed -n '/<artifactId>classcord-parent</,/<version>/s:.*<version>\(.*\)</version>.*:\1:p' pom.xml)
out=target/standin
archive=$out/classcord-$version-linux-x64.tar.gz

./mvnw -B -q -DskipTests package >&2
modulepath=$(./mvnw -B -q -pl modules/app dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.excludeArtifactIds=junit-jupiter,junit-jupiter-api,junit-jupiter-engine,junit-jupiter-params,junit-platform-commons,junit-platform-engine,opentest4j,apiguardian-api -Dmdep.outputFile="$PWD/target/standin.path" >&2 && cat target/standin.path)

rm -rf "$out" && mkdir -p "$out"
top=$out/classcord-$version
mkdir -p "$top/bin" "$top/lib" "$top/config" "$top/docs"
cp -a "$JDK" "$top/runtime"
rm -rf "$top/runtime/lib/src.zip" "$top/runtime/jmods" "$top/runtime/man"
# Third-party jars from the resolved path; our own modules from this tree's build, never the
# copies other builds may have installed in ~/.m2.
for jar in ${modulepath//:/ }; do
    case $(basename "$jar") in classcord-*) ;; *) cp "$jar" "$top/lib/" ;; esac
done
cp modules/*/target/classcord-*-"$version".jar "$top/lib/"
cp modules/app/src/main/resources/application.yaml "$top/config/"
cp README.md docs/*.md "$top/docs/"
cat > "$top/bin/classcord" <<'LAUNCHER'
#!/bin/sh
# Stand-in launcher: classcord [--config FILE] [COMMAND]; JVM options from CLASSCORD_JAVA_OPTS.
home=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck disable=SC2086
exec "$home/runtime/bin/java" ${CLASSCORD_JAVA_OPTS:-} --module-path "$home/lib" \
    --module io.classcord.app/io.classcord.app.Main "$@"
LAUNCHER
chmod 755 "$top/bin/classcord"
tar -C "$out" -czf "$archive" "classcord-$version"
rm -rf "$top"
echo "$archive"
