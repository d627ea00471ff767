import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * Removes from jdeps-generated module descriptors every {@code provides} whose service type is in
 * none of the jars (nor the JDK): such a provider can never be loaded, and javac refuses it.
 * Run with the JDK's source launcher: {@code java DropUnloadableProviders.java INFO_DIR JAR_DIR...}.
 */
public class DropUnloadableProviders {

    private static final Pattern PROVIDES = Pattern.compile("\\s*provides\\s+([\\w.$]+)\\s+with[^;]*;");

    public static void main(String[] args) throws IOException {
        Set<String> classes = new HashSet<>();
        for (String folder : List.of(args).subList(1, args.length)) {
            try (Stream<Path> jars = Files.list(Path.of(folder))) {
                for (Path jar : jars.filter(p -> p.toString().endsWith(".jar")).toList()) {
                    try (ZipFile zip = new ZipFile(jar.toFile())) {
                        zip.stream().map(e -> e.getName()).filter(n -> n.endsWith(".class"))
                                .forEach(n -> classes.add(n.substring(0, n.length() - 6).replace('/', '.')));
                    }
                }
            }
        }
        try (Stream<Path> files = Files.walk(Path.of(args[0]))) {
            for (Path descriptor : files.filter(p -> p.endsWith("module-info.java")).toList()) {
                Matcher provides = PROVIDES.matcher(Files.readString(descriptor));
                StringBuilder kept = new StringBuilder();
                while (provides.find()) {
                    String service = provides.group(1);
                    boolean loadable = classes.contains(service) || service.startsWith("java.")
                            || service.startsWith("javax.") || service.startsWith("jdk.");
                    provides.appendReplacement(kept, loadable ? Matcher.quoteReplacement(provides.group()) : "");
                }
                provides.appendTail(kept);
                Files.writeString(descriptor, kept);
            }
        }
    }
}
