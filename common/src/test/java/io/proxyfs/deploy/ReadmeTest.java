package io.proxyfs.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.proxyfs.conf.ConfMap;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Keeps README.md from drifting: every key of every daemon's dev.conf is in its key table, and
 * every script, launcher and config file the README names exists (the developer sequence itself is
 * run by {@code ReadmeDeveloperSequenceIT}).
 */
class ReadmeTest {
    private static final Path TOP = Path.of(System.getProperty("user.dir")).toAbsolutePath().getParent();

    @Test
    void everyDevConfKeyIsDocumented() throws IOException {
        String readme = Files.readString(TOP.resolve("README.md"));
        List<String> missing = new ArrayList<>();
        for (String conf : List.of("imgr/dev.conf", "iclient/dev.conf", "ickpt/dev.conf")) {
            ConfMap map = ConfMap.load(TOP.resolve(conf));
            int table = readme.indexOf("**`" + conf + "`");
            assertTrue(table > 0, "README has no key table for " + conf);
            int next = readme.indexOf("**`", table + 4);
            String section = readme.substring(table, next > 0 ? next : readme.length());
            for (String s : map.sections()) {
                for (String key : map.asMap().get(s).keySet()) {
                    if (!section.contains("| `" + key + "` |")) {
                        missing.add(conf + " " + s + "." + key);
                    }
                }
            }
        }
        assertTrue(missing.isEmpty(), "README key tables lack " + missing);
    }

    @Test
    void everyScriptLauncherAndConfigNamedExists() throws IOException {
        String readme = Files.readString(TOP.resolve("README.md"));
        Matcher m = Pattern.compile("(?<![\\w/.-])((?:scripts|imgr|iclient|ickpt|idestroy|bench)/[\\w.-]+(?:/[\\w.-]+)*)")
                .matcher(readme);
        List<String> missing = new ArrayList<>();
        while (m.find()) {
            String path = m.group(1).replaceAll("[.]$", "");
            if (path.contains("target/") || path.startsWith("bench/target")) {
                continue;                  // build outputs
            }
            if (!Files.exists(TOP.resolve(path))) {
                missing.add(path);
            }
        }
        assertTrue(missing.isEmpty(), "README names files that do not exist: " + missing);
    }
}
