package io.classcord.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.HealthCheck;
import com.github.dockerjava.api.model.Volume;
import io.classcord.testsupport.ReadyLine;
import io.classcord.testsupport.WireClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.Container.ExecResult;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.utility.DockerImageName;

/**
 * The container image as an operator runs it (docker-compose.yml): read-only root file system,
 * data and logs in named volumes, non-root user; clients talk to it through a published port.
 * Needs a Docker API and the image built from the Dockerfile: ops/container-test.sh.
 */
class ContainerImageTest {

    private static final int CHAT_PORT = 12345;
    /** How long a reply may take through the container's port mapping. */
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final Duration STARTUP = Duration.ofSeconds(90);

    private String image;
    private DockerClient docker;
    private final List<String> volumes = new ArrayList<>();

    @BeforeEach
    void requireEngineAndImage() {
        skipUnless(DockerClientFactory.instance().isDockerAvailable(),
                "no Docker API (Docker, or Podman's `podman system service`) is reachable;"
                        + " ops/container-test.sh runs this test with Podman");
        image = System.getProperty("classcord.container.image", "");
        skipUnless(!image.isBlank(), "no image given; build it from the Dockerfile and pass"
                + " -Dclasscord.container.image=NAME (ops/container-test.sh does both)");
        docker = DockerClientFactory.instance().client();
    }

    /** An assumption whose reason also reaches the build log (Surefire's summary only counts skips). */
    private static void skipUnless(boolean condition, String reason) {
        if (!condition) {
            System.out.println("ContainerImageTest SKIPPED: " + reason);
        }
        assumeTrue(condition, "ContainerImageTest skipped: " + reason);
    }

    @AfterEach
    void removeVolumes() {
        for (String volume : volumes) {
            docker.removeVolumeCmd(volume).exec();
        }
    }

    private GenericContainer<?> classcord(String dataVolume, String logVolume) {
        return new GenericContainer<>(DockerImageName.parse(image))
                .withExposedPorts(CHAT_PORT)
                .withTmpFs(Map.of("/tmp", "rw,size=16m"))
                .withCreateContainerCmdModifier(cmd -> cmd.getHostConfig()
                        .withReadonlyRootfs(true)
                        .withBinds(new Bind(dataVolume, new Volume("/var/lib/classcord")),
                                new Bind(logVolume, new Volume("/var/log/classcord"))))
                .waitingFor(Wait.forLogMessage(ReadyLine.regexForPort(CHAT_PORT), 1).withStartupTimeout(STARTUP));
    }

    private String volume(String role) {
        String name = "classcord-test-" + role + "-" + UUID.randomUUID();
        docker.createVolumeCmd().withName(name).exec();
        volumes.add(name);
        return name;
    }

    @Test
    void clientsChatThroughThePublishedPortAndDataSurvivesARestart() throws Exception {
        String data = volume("data");
        String logs = volume("logs");
        String user = "alice";

        try (GenericContainer<?> server = classcord(data, logs)) {
            server.start();
            InspectContainerResponse inspected = server.getContainerInfo();
            assertEquals("classcord", inspected.getConfig().getUser(), "the server must not run as root");

            try (WireClient alice = WireClient.connect(server.getHost(), server.getMappedPort(CHAT_PORT));
                 WireClient guest = WireClient.connect(server.getHost(), server.getMappedPort(CHAT_PORT))) {
                alice.send("{\"type\":\"register\",\"username\":\"" + user + "\",\"password\":\"pw-container-1\"}");
                alice.nextLineContaining("{\"type\":\"register\",\"status\":\"ok\"}", WAIT);
                alice.send("{\"type\":\"login\",\"username\":\"" + user + "\",\"password\":\"pw-container-1\"}");
                alice.nextLineContaining("{\"type\":\"login\",\"status\":\"ok\",\"username\":\"alice\"}", WAIT);
                guest.send("{\"type\":\"users\"}");
                guest.nextLineContaining("\"type\":\"users\"", WAIT);
                alice.send("{\"type\":\"message\",\"subtype\":\"global\",\"to\":\"global\",\"from\":\"x\",\"content\":\"salut\"}");
                String delivered = guest.nextLineContaining("\"content\":\"salut\"", WAIT);
                assertTrue(delivered.contains("\"from\":\"alice\"") && delivered.contains("\"channel\":\"#g\\u00e9n\\u00e9ral\""),
                        delivered);

                // The image's own HEALTHCHECK command, run as the engine runs it (Podman runs checks
                // from systemd timers, absent here, so the test runs it itself).
                HealthCheck check = inspected.getConfig().getHealthcheck();
                assertNotNull(check, "no HEALTHCHECK in the image (podman build needs --format docker)");
                List<String> test = check.getTest();
                assertEquals("CMD", test.getFirst(), "HEALTHCHECK in exec form: " + test);
                ExecResult health = server.execInContainer(test.subList(1, test.size()).toArray(String[]::new));
                assertEquals(0, health.getExitCode(), "HEALTHCHECK failed: " + health);

                // SIGTERM reaches the JVM (PID 1): clients get the notice, the exit code is 0.
                docker.stopContainerCmd(server.getContainerId()).withTimeout(30).exec();
                alice.nextLineContaining("\"type\":\"shutdown\"", WAIT);
                assertTrue(alice.closedByServer(Duration.ofSeconds(15)), "connection not closed at shutdown");
            }
            InspectContainerResponse.ContainerState state = docker.inspectContainerCmd(server.getContainerId()).exec().getState();
            assertEquals(0L, state.getExitCodeLong(), "exit code after docker stop; logs:\n" + server.getLogs());
        }

        // Same volumes, new container: the account is still there.
        try (GenericContainer<?> server = classcord(data, logs)) {
            server.start();
            try (WireClient alice = WireClient.connect(server.getHost(), server.getMappedPort(CHAT_PORT))) {
                alice.send("{\"type\":\"login\",\"username\":\"" + user + "\",\"password\":\"pw-container-1\"}");
                alice.nextLineContaining("{\"type\":\"login\",\"status\":\"ok\",\"username\":\"alice\"}", WAIT);
            }
            ExecResult logFiles = server.execInContainer("ls", "/var/log/classcord");
            assertTrue(logFiles.getStdout().contains("classcord.log"), "logs volume: " + logFiles);
        }
    }
}
