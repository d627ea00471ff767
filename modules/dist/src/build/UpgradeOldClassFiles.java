import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.constant.ClassDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * Rewrites, in place, the class files of each jar that are older than Java 6 (major version below 50)
 * as Java 8 class files, with the stack maps the type-checking verifier needs. The JVM's AOT cache
 * cannot hold classes that only the old verifier accepts: picocli, compiled for Java 5, was read,
 * verified and linked again at every start, before the chat port opened. Jars without such classes
 * are left untouched. Run with the JDK's source launcher: {@code java UpgradeOldClassFiles.java JAR...}.
 */
public class UpgradeOldClassFiles {

    private static final int FIRST_TYPE_CHECKED_MAJOR = 50;
    private static final int UPGRADED_MAJOR = ClassFile.JAVA_8_VERSION;

    public static void main(String[] args) throws IOException {
        for (String jar : args) {
            int upgraded = upgrade(Path.of(jar));
            if (upgraded > 0) {
                System.out.println("upgrade-old-class-files: " + upgraded + " class files of "
                        + Path.of(jar).getFileName() + " rewritten as Java 8 class files");
            }
        }
    }

    private static int upgrade(Path jar) throws IOException {
        if (!hasOldClassFiles(jar)) {
            return 0;
        }
        Path rewritten = jar.resolveSibling(jar.getFileName() + ".upgrading");
        int upgraded = 0;
        try (ZipFile zip = new ZipFile(jar.toFile());
             ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(rewritten))) {
            // Stack maps merge types at branches: the hierarchy of the jar's own classes comes from the
            // jar, the JDK's from the running JDK.
            ClassFile classFile = ClassFile.of(
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.ofResourceParsing(
                            (ClassDesc type) -> open(zip, type)).orElse(ClassHierarchyResolver.defaultResolver())),
                    ClassFile.StackMapsOption.GENERATE_STACK_MAPS);
            ClassTransform toJava8 = ClassTransform.dropping(element -> element instanceof ClassFileVersion)
                    .andThen(ClassTransform.endHandler(builder -> builder.withVersion(UPGRADED_MAJOR, 0)))
                    // Rebuilding every method body is what makes the stack maps get generated.
                    .andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL));
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                byte[] bytes;
                try (InputStream in = zip.getInputStream(entry)) {
                    bytes = in.readAllBytes();
                }
                if (entry.getName().endsWith(".class") && major(bytes) < FIRST_TYPE_CHECKED_MAJOR) {
                    bytes = classFile.transformClass(classFile.parse(bytes), toJava8);
                    // Checked now rather than at run time: a Java 8 class file is never given to the old
                    // verifier, so a wrong stack map would fail the first start that loads this class.
                    List<VerifyError> errors = classFile.verify(bytes);
                    if (!errors.isEmpty()) {
                        throw new IllegalStateException(jar.getFileName() + "!/" + entry.getName()
                                + " does not verify once rewritten: " + errors.getFirst().getMessage());
                    }
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(rewritten, jar, StandardCopyOption.REPLACE_EXISTING);
        return upgraded;
    }

    private static boolean hasOldClassFiles(Path jar) throws IOException {
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                if (entry.getName().endsWith(".class")) {
                    try (InputStream in = zip.getInputStream(entry)) {
                        if (major(in.readNBytes(8)) < FIRST_TYPE_CHECKED_MAJOR) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    private static int major(byte[] classBytes) {
        return ((classBytes[6] & 0xff) << 8) | (classBytes[7] & 0xff);
    }

    private static InputStream open(ZipFile zip, ClassDesc type) {
        String descriptor = type.descriptorString();
        ZipEntry entry = zip.getEntry(descriptor.substring(1, descriptor.length() - 1) + ".class");
        if (entry == null) {
            return null;
        }
        try {
            return zip.getInputStream(entry);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
