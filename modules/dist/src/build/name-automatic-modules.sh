#!/usr/bin/env bash
# jlink links only named modules. Copies every jar of SOURCE_DIR into TARGET_DIR and gives each
# automatic module (a jar without module-info, e.g. Micrometer, the Prometheus simpleclient,
# HdrHistogram) a descriptor derived by jdeps from what its classes actually use: the JDK's own
# tools, so no plugin has to know each jar. Entries matching one of the DROP patterns (bash patterns
# over entry paths, where * also matches /) are removed from the automatic jars first: resources the
# image never reads. jlink's --exclude-resources cannot do it for a folder of its own, a package: the
# descriptor would still list the package the exclusion emptied, and jlink refuses such a module.
#   usage: name-automatic-modules.sh JDK_HOME SOURCE_DIR TARGET_DIR WORK_DIR [DROP...]
set -euo pipefail

jdk="$1" source="$2" target="$3" work="$4"
drop=("${@:5}")
rm -rf "$target" "$work"
mkdir -p "$target" "$work/auto" "$work/info" "$work/classes"

automatic_name() {
    "$jdk/bin/jar" --describe-module --file "$1" --release 25 2>/dev/null \
        | sed -n 's/^\([^ @]*\)\(@[^ ]*\)\? automatic$/\1/p'
}

# drop_entries JAR: rewrites JAR without its entries matching a DROP pattern, if it has any.
drop_entries() {
    local jar=$1 entry pattern tree="$work/tree"
    local -a gone=()
    while IFS= read -r entry; do
        [[ $entry != */ ]] || continue
        for pattern in "${drop[@]}"; do
            # shellcheck disable=SC2053 # the pattern is meant to match as a pattern
            if [[ $entry == $pattern ]]; then
                gone+=("$entry")
                break
            fi
        done
    done < <("$jdk/bin/jar" --list --file "$jar")
    [[ ${#gone[@]} -gt 0 ]] || return 0
    rm -rf "$tree" && mkdir -p "$tree"
    "$jdk/bin/jar" --extract --file "$jar" --dir "$tree"
    (cd "$tree" && rm -f -- "${gone[@]}")
    find "$tree" -depth -type d -empty -delete
    mv "$tree/META-INF/MANIFEST.MF" "$work/MANIFEST.MF"
    "$jdk/bin/jar" --create --file "$jar" --manifest "$work/MANIFEST.MF" -C "$tree" .
    rm -rf "$tree" "$work/MANIFEST.MF"
    echo "name-automatic-modules: ${#gone[@]} entries dropped from $(basename "$jar")"
}

declare -A jar_of
for jar in "$source"/*.jar; do
    name=$(automatic_name "$jar")
    if [[ -n "$name" ]]; then
        cp "$jar" "$work/auto/"
        jar_of[$name]="$work/auto/$(basename "$jar")"
        [[ ${#drop[@]} -eq 0 ]] || drop_entries "${jar_of[$name]}"
    else
        cp "$jar" "$target/"
    fi
done
if [[ ${#jar_of[@]} -eq 0 ]]; then
    exit 0
fi

# Dependencies missing from the image (e.g. OpenTelemetry for the simpleclient tracer, used only
# when present) are left out of the descriptors rather than failing the build. Open modules, as
# automatic modules are: a library that reads its own resources through a class loader (ICU4J's
# Unicode data) finds nothing in a module whose packages are encapsulated.
"$jdk/bin/jdeps" --ignore-missing-deps --multi-release 25 --module-path "$target:$work/auto" \
    --generate-open-module "$work/info" "$work/auto"/*.jar > "$work/jdeps.log"

# jdeps turns every JDK module a jar's classes mention into a 'requires'. In a library, classes
# against javac's and javadoc's APIs (java.compiler, jdk.compiler, jdk.javadoc) are plugins for those
# tools, such as ICU4J's javadoc taglets, and classes against java.desktop an optional integration
# with AWT (ICU4J's Bidi reading java.awt.font attributes of styled text): a server never loads them.
# Such a requirement becomes 'requires static', as SnakeYAML and Yasson declare java.desktop
# themselves, so jlink links the module only if something else needs it at run time; as a
# 'requires transitive', it put javac, javadoc and lib/ct.sym (about 20 MB) in the image.
compile_only='java\.compiler|jdk\.compiler|jdk\.javadoc|java\.desktop'
find "$work/info" -name module-info.java -exec \
    sed -i -E "s/^( *)requires (transitive )?($compile_only);/\1requires static \3;/" {} +

# A jar may provide a service of a library that is not in the image (Micrometer's context
# propagation, say): such a provider can never be loaded, so its 'provides' is dropped.
"$jdk/bin/java" "$(dirname "$0")/DropUnloadableProviders.java" "$work/info" "$target" "$work/auto"

for name in "${!jar_of[@]}"; do
    jar="${jar_of[$name]}"
    info=$(find "$work/info/$name" -name module-info.java | head -n 1)
    [[ -n "$info" ]] || { echo "name-automatic-modules: jdeps made no descriptor for $name" >&2; exit 1; }
    "$jdk/bin/javac" -nowarn -Xlint:-requires-transitive-automatic,-requires-automatic --release 25 --module-path "$target:$work/auto" --patch-module "$name=$jar" \
        -d "$work/classes/$name" "$info"
    "$jdk/bin/jar" --update --file "$jar" -C "$work/classes/$name" module-info.class
    cp "$jar" "$target/"
    echo "name-automatic-modules: $name given a module descriptor"
done
