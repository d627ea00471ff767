package io.classcord.app;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import sun.misc.Signal;

/**
 * {@code mvn -Prun}: runs the server in its own JVM from inside Maven's (exec:java), so that Ctrl-C
 * stops it the way it stops the image. Ctrl-C sends SIGINT to the whole foreground process group:
 * Maven's JVM would exit at once with 130 (taking the server's piped output with it), so here Maven
 * ignores SIGINT and waits; the server, which gets the same SIGINT, shuts down, prints its lines
 * straight on the terminal (inherited, not piped) and exits 0, and so does Maven. A SIGTERM sent to
 * Maven alone is passed on to the server.
 *
 * <p>Arguments: the module path, the working directory, then the launcher's arguments in one string
 * (split on spaces).
 */
public final class RunFromMaven {

    private RunFromMaven() {
    }

    public static void main(String[] args) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-XX:+UseSerialGC", "-Xmx256m", "--enable-native-access=org.xerial.sqlitejdbc",
                "--module-path", args[0], "--module", "io.classcord.app/io.classcord.app.Main"));
        for (int i = 2; i < args.length; i++) {
            for (String word : args[i] == null ? new String[0] : args[i].trim().split("\\s+")) {
                if (!word.isEmpty()) {
                    command.add(word);
                }
            }
        }
        Process server = new ProcessBuilder(command).directory(new File(args[1])).inheritIO().start();
        Signal.handle(new Signal("INT"), signal -> {
            // The server got the same Ctrl-C: wait for it to finish its shutdown.
        });
        Signal.handle(new Signal("TERM"), signal -> server.destroy());
        int exit = server.waitFor();
        if (exit != 0) {
            System.exit(exit);
        }
    }
}
