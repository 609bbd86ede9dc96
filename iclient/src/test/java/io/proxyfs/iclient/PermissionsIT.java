package io.proxyfs.iclient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * File permissions for a user who is not root, on a real mount with {@code allow_other}: ordinary
 * commands run as uid/gid {@value #UID} (no passwd entry needed) through
 * {@code setpriv --reuid --regid --clear-groups}, against files and directories root made with
 * chosen modes. What mode bits, ownership, the sticky bit and the setgid bit forbid is refused
 * with EACCES or EPERM, what they allow works, and root may still do everything.
 */
@Timeout(120)
class PermissionsIT {
    private static final int UID = 12345;
    private static final String DENIED = "Permission denied";
    private static final String NOT_PERMITTED = "Operation not permitted";

    @TempDir
    Path dir;

    private Cluster cluster;
    private Path mnt;

    /** What a command printed (stdout and stderr together) and its exit status. */
    private record Run(int status, String output) {
    }

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void modeBitsOwnershipStickyAndSetgidAreEnforcedForAnotherUser() throws Exception {
        // The other user must be able to reach the mount point (JUnit's folder is 0700).
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        cluster = new Cluster(false, dir);
        mnt = dir.resolve("mnt");
        Iclient client = cluster.mount(mnt, "ICLIENT.FUSEAllowOther=true");
        String options = Files.readAllLines(Path.of("/proc/mounts")).stream()
                .filter(l -> l.split(" ")[1].equals(mnt.toString())).findFirst().orElseThrow();
        assertTrue(options.contains("default_permissions") && options.contains("allow_other"), options);

        root("umask 022; printf secret > secret; chmod 0600 secret; printf public > public; chmod 0644 public;"
                + " chmod 0755 .; mkdir -m 1777 tmp; printf root > tmp/rootfile; chmod 0666 tmp/rootfile;"
                + " mkdir sgid; chown 0:4242 sgid; chmod 2777 sgid");
        assertEquals("drwxr-xr-x 0:0", root("stat -c '%A %u:%g' .").trim(), "the volume's root");

        // A 0600 file of root: neither readable nor writable.
        denied("cat secret", DENIED);
        denied("printf x >> secret", DENIED);
        // A 0644 file of root: readable, not writable, not truncatable, no times set.
        assertEquals("public", as("cat public"));
        denied("printf x >> public", DENIED);
        denied("truncate -s 0 public", DENIED);
        denied("touch -d 2001-01-01 public", DENIED);      // as on ext4: touch opens it for writing first
        // A 0755 directory of root: no new names, no removals, no renames in it.
        denied("touch newfile", DENIED);
        denied("mkdir newdir", DENIED);
        denied("rm -f public", DENIED);
        denied("mv public renamed", DENIED);
        // Someone else's file: no chmod, chown or chgrp.
        denied("chmod 0777 public", NOT_PERMITTED);
        denied("chown " + UID + " public", NOT_PERMITTED);
        denied("chgrp " + UID + " public", NOT_PERMITTED);

        // A 1777 directory: the user's own files are its own (uid and gid as it runs), and it may
        // rename and remove them, but not root's.
        as("umask 022; printf mine > tmp/mine; mkdir tmp/mydir; chmod 0600 tmp/mine");
        assertEquals(UID + ":" + UID + " -rw-------", as("stat -c '%u:%g %A' tmp/mine").trim());
        assertEquals(UID + ":" + UID, root("stat -c '%u:%g' tmp/mine tmp/mydir").lines().distinct()
                .reduce((x, y) -> x + "|" + y).orElseThrow(), "root sees the same owner");
        denied("rm -f tmp/rootfile", NOT_PERMITTED);
        denied("mv tmp/rootfile tmp/taken", NOT_PERMITTED);
        assertEquals("root", as("cat tmp/rootfile"), "0666: still readable and writable");
        as("printf ' and user' >> tmp/rootfile");
        as("mv tmp/mine tmp/mine2 && chmod 0640 tmp/mine2 && rmdir tmp/mydir");
        denied("chown 0 tmp/mine2", NOT_PERMITTED);
        denied("chgrp 4242 tmp/mine2", NOT_PERMITTED);

        // A setgid directory: new names take its group, new directories its setgid bit.
        as("umask 022; printf x > sgid/f; mkdir sgid/d");
        assertEquals(UID + ":4242 -rw-r--r--|" + UID + ":4242 drwxr-sr-x",
                String.join("|", root("stat -c '%u:%g %A' sgid/f sgid/d").trim().split("\n")));
        // The user is not in that group: it cannot set the setgid bit on its file.
        as("chmod 2755 sgid/f");
        assertEquals("-rwxr-xr-x", root("stat -c %A sgid/f").trim());

        // A write by someone else takes the setuid and setgid bits away (as on ext4).
        root("printf '#!/bin/sh\\n' > tmp/suid; chmod 6777 tmp/suid");
        assertEquals("-rwsrwsrwx", root("stat -c %A tmp/suid").trim());
        as("printf 'echo changed\\n' >> tmp/suid");
        assertEquals("-rwxrwxrwx", root("stat -c %A tmp/suid").trim());
        root("rm tmp/suid");

        // The execute bit.
        root("printf '#!/bin/sh\\necho ran as $(id -u)\\n' > tmp/script.sh; chmod 0755 tmp/script.sh");
        assertEquals("ran as " + UID, as("./tmp/script.sh").trim());
        root("chmod 0644 tmp/script.sh");
        denied("./tmp/script.sh", DENIED);

        // Root may still do everything: read and change the user's private file, remove it and
        // root's own file from the sticky directory, chown it back.
        assertEquals("mine", root("cat tmp/mine2"));
        root("printf ' and root' >> tmp/mine2; chown 0:0 tmp/mine2; chmod 0600 tmp/mine2; rm tmp/mine2 tmp/rootfile");
        assertEquals("script.sh", root("ls tmp").trim());
        denied("cat tmp/mine2", "No such file");

        cluster.unmount(client);
        cluster.assertConsistent();
    }

    private String root(String script) throws Exception {
        Run r = run(List.of("sh", "-c", script));
        assertEquals(0, r.status(), "as root: " + script + ":\n" + r.output());
        return r.output();
    }

    private String as(String script) throws Exception {
        Run r = asUser(script);
        assertEquals(0, r.status(), "as uid " + UID + ": " + script + ":\n" + r.output());
        return r.output();
    }

    private void denied(String script, String why) throws Exception {
        Run r = asUser(script);
        assertTrue(r.status() != 0 && r.output().contains(why),
                "as uid " + UID + ", " + script + " must fail with \"" + why + "\"; it gave " + r.status() + ":\n"
                        + r.output());
    }

    private Run asUser(String script) throws Exception {
        return run(List.of("setpriv", "--reuid=" + UID, "--regid=" + UID, "--clear-groups", "sh", "-c", script));
    }

    private Run run(List<String> command) throws Exception {
        Process p = new ProcessBuilder(new ArrayList<>(command)).directory(mnt.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), String.join(" ", command) + " finished");
        return new Run(p.exitValue(), out);
    }
}
