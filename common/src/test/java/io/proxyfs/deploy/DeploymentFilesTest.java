package io.proxyfs.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.proxyfs.conf.ConfMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code docker-compose.yml} and {@code Dockerfile} honest where no Docker engine can run
 * them: the services, ports, devices and commands the README promises exist; every launcher,
 * config file and script they name exists in the repository; every {@code Section.Key=value}
 * override names a key that the referenced config file really has; every COPY source of the
 * deploy image exists (or is a build output).
 */
class DeploymentFilesTest {
    private static final Set<String> DAEMONS = Set.of("ickpt", "imgr", "iclient");
    private static final Pattern OVERRIDE = Pattern.compile("([A-Za-z0-9_]+)\\.([A-Za-z0-9_]+)=(.*)");

    private static Path top;
    private static JsonNode compose;
    private static String dockerfile;

    @BeforeAll
    static void load() throws IOException {
        top = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();
        assertTrue(Files.isRegularFile(top.resolve("pom.xml")), "repository top not found from " + top);
        compose = new ObjectMapper(new YAMLFactory()).readTree(top.resolve("docker-compose.yml").toFile());
        dockerfile = Files.readString(top.resolve("Dockerfile"));
    }

    @Test
    void composeHasTheServicesOfTheOriginalPlusTheDaemons() {
        Set<String> services = new LinkedHashSet<>();
        compose.get("services").fieldNames().forEachRemaining(services::add);
        assertTrue(services.containsAll(List.of("swift", "dev", "ickpt", "imgr", "iclient")), "services: " + services);
    }

    @Test
    void statusPagesArePublishedOnTheirPorts() {
        assertTrue(ports("imgr").contains("15346:15346"), "imgr ports " + ports("imgr"));
        assertTrue(ports("iclient").contains("15347:15347"), "iclient ports " + ports("iclient"));
    }

    @Test
    void everyDevConfKeepsTheAdminHttpServersOnLoopback() {
        // imgr's HTTP server (volume admin: format, serve, unserve) binds PrivateIPAddr, ickpt's
        // (the checkpoint protocol) IPAddr, iclient's (lease release) HTTPServerIPAddr.
        assertEquals("127.0.0.1", ConfMap.load(top.resolve("imgr/dev.conf")).getString("IMGR", "PrivateIPAddr"));
        assertEquals("127.0.0.1", ConfMap.load(top.resolve("ickpt/dev.conf")).getString("ICKPT", "IPAddr"));
        assertEquals("127.0.0.1", ConfMap.load(top.resolve("iclient/dev.conf")).getString("ICLIENT", "HTTPServerIPAddr"));
    }

    @Test
    void iclientMayMountWithFuseAtMnt() {
        JsonNode iclient = service("iclient");
        assertTrue(texts(iclient.get("devices")).contains("/dev/fuse"));
        assertTrue(texts(iclient.get("cap_add")).contains("SYS_ADMIN"));
        assertTrue(texts(iclient.get("command")).contains("ICLIENT.MountPointDirPath=/mnt"));
    }

    @Test
    void everyDaemonCommandRunsAnExistingLauncherOnAnExistingConfigWithRealKeys() throws IOException {
        for (String daemon : DAEMONS) {
            List<String> command = texts(service(daemon).get("command"));
            assertEquals(daemon + "/" + daemon, command.get(0), daemon + " command " + command);
            Path launcher = top.resolve(command.get(0));
            assertTrue(Files.isExecutable(launcher), launcher + " is not an executable file");
            Path conf = top.resolve(command.get(1));
            assertTrue(Files.isRegularFile(conf), conf + " does not exist");
            ConfMap confMap = ConfMap.load(conf);
            for (String override : command.subList(2, command.size())) {
                Matcher m = OVERRIDE.matcher(override);
                assertTrue(m.matches(), daemon + ": not a Section.Key=value override: " + override);
                assertFalse(confMap.isMissing(m.group(1), m.group(2)),
                        daemon + ": " + conf + " has no key " + m.group(1) + "." + m.group(2));
            }
            // The overrides must also be accepted by the parser the daemon uses.
            confMap.withOverrides(command.subList(2, command.size()));
        }
    }

    @Test
    void theIclientAuthEnvironmentHoldsEverySwiftAuthSetting() throws IOException {
        JsonNode iclient = service("iclient");
        String envName = texts(iclient.get("command")).stream()
                .filter(a -> a.startsWith("ICLIENT.AuthPlugInEnvName="))
                .map(a -> a.substring(a.indexOf('=') + 1)).findFirst().orElseThrow();
        JsonNode auth = new ObjectMapper().readTree(iclient.get("environment").get(envName).asText());
        for (String key : List.of("AuthURL", "AuthUser", "AuthKey", "Account", "Container")) {
            assertTrue(auth.hasNonNull(key), "auth settings lack " + key);
        }
    }

    @Test
    void scriptsNamedByComposeExist() {
        for (String name : List.of("mkmount")) {
            List<String> command = texts(service(name).get("command"));
            assertTrue(Files.isExecutable(top.resolve(command.get(0))), command.get(0));
        }
    }

    @Test
    void dockerfileHasTheStagesComposeBuilds() {
        for (String stage : List.of("dev", "build", "deploy")) {
            assertTrue(Pattern.compile("(?m)^FROM \\S+ AS " + stage + "$").matcher(dockerfile).find(), "stage " + stage);
        }
        compose.get("services").forEach(s -> {
            if (s.has("build")) {
                String target = s.get("build").get("target").asText();
                assertTrue(dockerfile.contains(" AS " + target + "\n"), "compose builds missing target " + target);
            }
        });
    }

    @Test
    void everyFileTheDeployImageCopiesExistsOrIsBuilt() {
        Matcher copy = Pattern.compile("(?m)^COPY --from=build (.+) (\\S+)$").matcher(dockerfile);
        List<String> sources = new ArrayList<>();
        while (copy.find()) {
            for (String source : copy.group(1).trim().split("\\s+")) {
                sources.add(source);
            }
        }
        assertFalse(sources.isEmpty());
        for (String source : sources) {
            assertTrue(source.startsWith("/clone/"), source);
            String relative = source.substring("/clone/".length());
            if (relative.contains("/target/")) {
                String module = relative.substring(0, relative.indexOf('/'));
                assertTrue(Files.isRegularFile(top.resolve(module).resolve("pom.xml")), "no module for " + source);
            } else {
                assertTrue(Files.exists(top.resolve(relative)), "Dockerfile copies missing " + relative);
            }
        }
    }

    private static JsonNode service(String name) {
        JsonNode s = compose.get("services").get(name);
        assertTrue(s != null, "no service " + name);
        return s;
    }

    private static List<String> ports(String name) {
        return texts(service(name).get("ports"));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
