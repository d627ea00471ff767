#!/usr/bin/env bash
# Builds the runtime image and the dist archive; run by Maven (modules/dist/pom.xml, phase package),
# which sets JDK_HOME, CLASSCORD_VERSION, MODULE_DIR, SQLITE_NATIVE, TARGET_DIR and REPO_DIR.
#   TARGET_DIR/classcord-image/                        jlink image + our launchers + AOT cache
#   TARGET_DIR/classcord-VERSION-linux-x64.tar.gz      classcord-VERSION/: the image, LICENSE, config/, docs/
set -euo pipefail

: "${JDK_HOME:?}" "${CLASSCORD_VERSION:?}" "${MODULE_DIR:?}" "${SQLITE_NATIVE:?}" "${TARGET_DIR:?}" "${REPO_DIR:?}"
src=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=SCRIPTDIR/../../../../ops/lib/ready-line.sh
source "$REPO_DIR/ops/lib/ready-line.sh"
image="$TARGET_DIR/classcord-image"
release="classcord-$CLASSCORD_VERSION"
archive="$TARGET_DIR/$release-linux-x64.tar.gz"

rm -rf "$image" "$TARGET_DIR/dist" "$archive" "$TARGET_DIR/aot-training"

# jlink rejects automatic modules: those among the dependencies get a descriptor first.
# ICU4J's locale data (CLDR) is dropped on the way: its resource bundles (*.res: formats, display
# names, currencies, units, time zones, plural and spell-out rules) and the folders of the services
# Classcord never calls (collation, break iteration, transliteration). Classcord uses ICU4J only in
# io.classcord.identity (Normalizer2, SpoofChecker, UnicodeSet), which reads the Unicode data files
# beside them: uprops.icu, ucase.icu, pnames.icu, nfc.nrm, nfkc_cf.nrm, confusables.cfu... That is
# about 10 MB of lib/modules; ClassroomAttackTest and HostileInputTest check look-alike names and
# folding on the image.
modules="$TARGET_DIR/image-modules-named"
icu_data="com/ibm/icu/impl/data/icudata"
"$src/build/name-automatic-modules.sh" "$JDK_HOME" "$MODULE_DIR" "$modules" "$TARGET_DIR/module-descriptors" \
    "$icu_data/*/*" "$icu_data/*.res"
# The AOT cache below cannot hold class files older than Java 6: picocli's (Java 5) were read and
# verified anew at each start, a third of a second before the chat port opened. They are rewritten
# as Java 8 class files first; the tests of the image run every command through them.
"$JDK_HOME/bin/java" "$src/build/UpgradeOldClassFiles.java" "$modules"/*.jar

# From the JDK, only what our modules and their dependencies require, plus:
#  - java.desktop: SnakeYAML links java.beans (a 'requires static'); only its classes are needed, so
#    the AWT, font and image native libraries are left out (a Swing program in the image would
#    need them back).
# Service providers among our dependencies (Parsson, Hikari, the SQLite driver, Helidon's YAML parser)
# are in the image because ALL-MODULE-PATH links every dependency; the java launcher binds them.
# bcprov is a signed jar: its signature cannot be carried into an image, the classes are linked as is.
# sqlite-jdbc's native libraries for every platform are dropped: the one for linux-x64 is a plain
# file in lib/ (see bin/classcord).
# No --strip-debug and no --strip-java-debug-attributes: besides line numbers and local variables,
# they drop the MethodParameters attribute, which is not debug information for us. javac writes it
# for every record's canonical constructor, and JSON-B (Yasson) maps JSON keys to a record's
# constructor parameters by those names (Parameter.getName()); stripped, the names become arg0,
# arg1... and every admin request body (alert, kick reason, new channel) reads as all-null. Keeping
# the attributes costs about 6 MB of lib/modules and gives line numbers in debug.log stack traces.
"$JDK_HOME/bin/jlink" \
    --module-path "$modules" \
    --add-modules ALL-MODULE-PATH,java.desktop \
    --ignore-signing-information \
    --no-header-files --no-man-pages \
    --compress=zip-6 \
    --exclude-resources='/org.xerial.sqlitejdbc/org/sqlite/native/**' \
    --exclude-files='glob:/java.desktop/lib/**' \
    --output "$image" \
    2> >(grep -v 'signed modular JAR .* is currently not supported' >&2)

# Our launchers: every script in src/main/image/bin (a new command is one more script there).
install -m 755 "$src/main/image/bin/"* "$image/bin/"
install -m 644 "$SQLITE_NATIVE" "$image/lib/libsqlitejdbc.so"

# AOT cache (JEP 483/514/515): a training run of the real launcher with a real client session;
# the cache is written when the JVM exits on SIGTERM, as under systemd.
train="$TARGET_DIR/aot-training"
mkdir -p "$train"
cat > "$train/training.yaml" <<YAML
classcord:
  chat:
    host: "127.0.0.1"
    port: 0
  storage:
    path: "$train/data/classcord.db"
  logging:
    dir: "$train/logs"
    console: true
YAML
: > "$train/console.log"
(cd "$train" && CLASSCORD_JAVA_OPTS="-XX:AOTCacheOutput=$image/lib/classcord.aot" \
    exec "$image/bin/classcord" --config "$train/training.yaml" >>"$train/console.log" 2>&1) &
server=$!
port=$(classcord_await_ready "$train/console.log" "$server" || true)
if [[ -z "$port" ]]; then
    kill "$server" 2>/dev/null || true
    echo "build-image: the training server did not start:" >&2
    cat "$train/console.log" >&2
    exit 1
fi
"$src/build/training-session.sh" 127.0.0.1 "$port" > "$train/session.log"
kill -TERM "$server"
wait "$server" || { echo "build-image: the training server failed:" >&2; cat "$train/console.log" >&2; exit 1; }
[[ -s "$image/lib/classcord.aot" ]] || { echo "build-image: no AOT cache written:" >&2; cat "$train/console.log" >&2; exit 1; }

# The dist archive: what the Ansible role unpacks under /opt/classcord/releases/.
dist="$TARGET_DIR/dist/$release"
mkdir -p "$dist/config" "$dist/docs"
cp -a "$image/." "$dist/"
install -m 644 "$REPO_DIR/modules/app/src/main/resources/application.yaml" "$dist/config/application.yaml"
cp -a "$REPO_DIR/docs/." "$dist/docs/"
install -m 644 "$REPO_DIR/README.md" "$dist/docs/README.md"
install -m 644 "$REPO_DIR/LICENSE" "$dist/LICENSE"
# Modification times are kept: the JVM checks lib/modules against the one the AOT cache was made with.
tar -C "$TARGET_DIR/dist" --owner=0 --group=0 --numeric-owner --sort=name -czf "$archive" "$release"
echo "build-image: $image ($(du -sh "$image" | cut -f1)), $archive ($(du -h "$archive" | cut -f1))"
