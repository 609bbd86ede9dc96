package io.proxyfs.imgr.check;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.proxyfs.ilayout.ObjectNames;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/**
 * Prints a {@link CheckReport} for people (one line per finding) or as JSON ({@code --json}).
 * Stateless.
 */
final class ReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ReportWriter() {
    }

    /** The report as text lines. */
    static void text(CheckReport r, PrintStream out) {
        out.println("icheck: volume " + r.volume());
        if (!r.checkPoint().isEmpty()) {
            out.println("icheck: checkpoint " + r.checkPoint());
        }
        if (r.complete()) {
            out.println("icheck: " + r.inodes() + " inodes (" + r.directories() + " directories, " + r.files()
                    + " files, " + r.symlinks() + " symbolic links); " + r.objects() + " objects, " + r.bytes()
                    + " bytes in the container");
        }
        for (Problem p : r.problems()) {
            out.println("PROBLEM " + p.toLine());
        }
        for (Problem p : r.orphans()) {
            out.println("ORPHAN " + p.toLine());
        }
        for (String d : r.deleted()) {
            out.println("DELETED " + d);
        }
        String orphans = r.orphans().isEmpty() ? "" : "; " + r.orphans().size() + " crash orphans"
                + (r.deleted().isEmpty() ? " (imgr deletes those pending delete when it serves the volume; "
                        + "--scrub deletes them all)" : ", " + r.deleted().size() + " deleted");
        if (r.clean()) {
            out.println("icheck: clean" + orphans);
        } else {
            out.println("icheck: " + r.problems().size() + " problems found" + (r.complete() ? "" : " (check stopped early)")
                    + orphans);
        }
    }

    /** The report as one JSON object. */
    static void json(CheckReport r, PrintStream out) {
        ObjectNode root = JSON.createObjectNode();
        root.put("volume", r.volume());
        root.put("clean", r.clean());
        root.put("complete", r.complete());
        root.put("checkPoint", r.checkPoint());
        ObjectNode counts = root.putObject("counts");
        counts.put("inodes", r.inodes());
        counts.put("directories", r.directories());
        counts.put("files", r.files());
        counts.put("symlinks", r.symlinks());
        counts.put("objects", r.objects());
        counts.put("bytes", r.bytes());
        add(root.putArray("problems"), r.problems());
        add(root.putArray("orphans"), r.orphans());
        ArrayNode deleted = root.putArray("deleted");
        r.deleted().forEach(deleted::add);
        try {
            out.println(JSON.writeValueAsString(root));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void add(ArrayNode array, java.util.List<Problem> problems) {
        for (Problem p : problems) {
            ObjectNode n = array.addObject();
            n.put("kind", p.kind().code());
            if (p.inode() != Problem.NONE) {
                n.put("inode", Long.toUnsignedString(p.inode()));
            }
            if (!p.path().isEmpty()) {
                n.put("path", p.path());
            }
            if (p.object() != Problem.NONE) {
                n.put("object", ObjectNames.nameOf(p.object()));
            }
            n.put("message", p.message());
        }
    }
}
