package io.proxyfs.imgr.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.ObjectNames;
import io.proxyfs.iswift.SwiftAccount;
import io.proxyfs.iswift.SwiftEmulator;
import io.proxyfs.swift.ObjectInfo;
import io.proxyfs.swift.SwiftClient;
import io.proxyfs.swift.SwiftClientSettings;
import io.proxyfs.swift.TempAuth;
import io.proxyfs.testing.LauncherCheck;
import io.proxyfs.testing.RealSwift;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imgr/icheck iclient/dev.conf} as a user runs it, as a process, against volumes built in
 * the emulator and in the real Swift (when it runs): exit 0 and "clean" on a consistent volume,
 * exit 1 with one line per problem on a damaged one, JSON with {@code --json}, {@code --scrub}
 * deleting only crash orphans, exit 2 with the usage line on a bad command line.
 */
@Timeout(180)
class IcheckIT {
    private static final SwiftClientSettings FAST = new SwiftClientSettings(Duration.ofMillis(5), 2.0, 2,
            Duration.ofSeconds(10), 8);

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\nstdout:\n" + out + "\nstderr:\n" + err;
        }
    }

    @Test
    void checksAndScrubsAVolumeInTheEmulator() throws Exception {
        try (SwiftEmulator emulator = SwiftEmulator.builder().host("127.0.0.1").port(0).start()) {
            TempAuth auth = new TempAuth(emulator.authUrl(), SwiftAccount.DEFAULT.user(), SwiftAccount.DEFAULT.key(),
                    FAST);
            try (SwiftClient swift = new SwiftClient(auth, FAST)) {
                swift.createContainer("con");
                exercise(swift, "con", emulator.authUrl(), "AUTH_test");
            }
        }
    }

    @Test
    void checksAndScrubsAVolumeInTheRealSwift() throws Exception {
        RealSwift.require();
        String container = "icheck-it-" + UUID.randomUUID();
        TempAuth auth = new TempAuth(RealSwift.AUTH_URL, RealSwift.USER, RealSwift.KEY, FAST);
        try (SwiftClient swift = new SwiftClient(auth, FAST)) {
            swift.createContainer(container);
            try {
                exercise(swift, container, RealSwift.AUTH_URL, "AUTH_test");
            } finally {
                for (ObjectInfo o : swift.listAllObjects(container)) {
                    swift.deleteObject(container, o.name());
                }
                swift.deleteContainer(container);
            }
        }
    }

    @Test
    void aBadCommandLineIsAUsageError() throws Exception {
        Run none = run(List.of(), "", "", "");
        assertEquals(2, none.exit, none.toString());
        assertTrue(none.err.contains("usage: icheck <file>.conf [--scrub] [--json] [Section.Key=value ...]"), none.err);
        Run unknown = run(List.of("iclient/dev.conf", "--frobnicate"), "", "", "");
        assertEquals(2, unknown.exit, unknown.toString());
        assertTrue(unknown.err.contains("unknown option --frobnicate"), unknown.err);
        Run missing = run(List.of("no/such.conf"), "", "", "");
        assertEquals(2, missing.exit, missing.toString());
        Run badConfig = run(List.of("iclient/dev.conf", "ICLIENT.SwiftRetryLimit=maybe"), "", "", "");
        assertEquals(1, badConfig.exit, badConfig.toString());
        assertTrue(badConfig.err.contains("icheck: failed to load config") && badConfig.err.contains("SwiftRetryLimit")
                && badConfig.err.contains("maybe"), badConfig.err);
    }

    private void exercise(SwiftClient swift, String container, String authUrl, String account) throws Exception {
        VolumeBuilder b = new VolumeBuilder();
        long a = b.mkdir(1, "a");
        long file = b.file(a, "f", new byte[4096], new byte[100]);
        b.symlink(1, "s", "a/f");
        b.link(1, "f2", file);
        CheckPointV1 cp = b.write(swift, container);

        Run clean = icheck(authUrl, account, container);
        assertEquals(0, clean.exit, clean.toString());
        assertTrue(clean.out.contains("icheck: clean"), clean.out);
        assertTrue(clean.out.contains("4 inodes (2 directories, 1 files, 1 symbolic links)"), clean.out);

        long orphan = cp.superBlockObjectNumber() + 2;
        swift.putObject(container, ObjectNames.nameOf(orphan), new byte[10]);
        Run json = icheck(authUrl, account, container, "--json");
        assertEquals(0, json.exit, json.toString());
        JsonNode report = new ObjectMapper().readTree(json.out);
        assertTrue(report.path("clean").asBoolean(), json.out);
        assertEquals(ObjectNames.nameOf(orphan), report.path("orphans").get(0).path("object").asText(), json.out);

        Run scrub = icheck(authUrl, account, container, "--scrub");
        assertEquals(0, scrub.exit, scrub.toString());
        assertTrue(scrub.out.contains("DELETED object " + ObjectNames.nameOf(orphan)), scrub.out);
        assertFalse(swift.listAllObjects(container).stream().anyMatch(o -> o.name().equals(ObjectNames.nameOf(orphan))));

        long old = b.inode(file).oldDataObject;
        swift.deleteObject(container, ObjectNames.nameOf(old));
        Run damaged = icheck(authUrl, account, container);
        assertEquals(1, damaged.exit, damaged.toString());
        // A hard-linked file is reported under the first path found from the root (shallowest, by name).
        assertTrue(damaged.out.contains("PROBLEM missing-object: inode " + file + " (/f2), object "
                + ObjectNames.nameOf(old) + ": the container does not hold this object, referenced by the extent at "
                + "file offset 0"), damaged.out);
        assertTrue(damaged.out.contains("icheck: 1 problems found"), damaged.out);

        Run refused = icheck(authUrl, account, container, "--scrub");
        assertEquals(1, refused.exit, refused.toString());
        assertTrue(refused.err.contains("not scrubbing"), refused.err);
    }

    private Run icheck(String authUrl, String account, String container, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("iclient/dev.conf"));
        args.addAll(List.of(extra));
        args.addAll(List.of("ICLIENT.AuthPlugInEnvName=IAUTH_TEST", "ICLIENT.AuthPlugInEnvValue=",
                "ICLIENT.LogToConsole=false"));
        return run(args, authUrl, account, container);
    }

    private Run run(List<String> args, String authUrl, String account, String container) throws Exception {
        Path top = LauncherCheck.top();
        List<String> command = new ArrayList<>(List.of(top.resolve("imgr/icheck").toString()));
        command.addAll(args);
        Path out = Files.createTempFile(dir, "icheck", ".out");
        Path err = Files.createTempFile(dir, "icheck", ".err");
        ProcessBuilder pb = new ProcessBuilder(command).directory(top.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("IAUTH_TEST", "{\"AuthURL\":\"" + authUrl + "\",\"AuthUser\":\"test:tester\","
                + "\"AuthKey\":\"testing\",\"Account\":\"" + account + "\",\"Container\":\"" + container + "\"}");
        Process p = pb.start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("icheck did not finish within 90 s");
        }
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
