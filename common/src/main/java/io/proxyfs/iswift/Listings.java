package io.proxyfs.iswift;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * Renders account and container listings the way Swift does: one name per line, or a JSON
 * array ({@code name, bytes, hash, content_type, last_modified} per object; {@code name, count,
 * bytes} per container). Thread-safe (stateless).
 */
final class Listings {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter SWIFT_TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private Listings() {
    }

    static String swiftTime(Instant t) {
        return SWIFT_TIME.format(t);
    }

    static String objectsText(List<StoredObject> objects) {
        StringBuilder sb = new StringBuilder();
        for (StoredObject o : objects) {
            sb.append(o.name()).append('\n');
        }
        return sb.toString();
    }

    static String objectsJson(List<StoredObject> objects) {
        ArrayNode array = JSON.createArrayNode();
        for (StoredObject o : objects) {
            ObjectNode n = array.addObject();
            n.put("name", o.name());
            n.put("bytes", o.length());
            n.put("hash", o.etag());
            n.put("content_type", o.contentType());
            n.put("last_modified", swiftTime(o.lastModified()));
        }
        return array.toString();
    }

    static String containersText(List<ObjectStore.ContainerStats> containers) {
        StringBuilder sb = new StringBuilder();
        for (ObjectStore.ContainerStats c : containers) {
            sb.append(c.name()).append('\n');
        }
        return sb.toString();
    }

    static String containersJson(List<ObjectStore.ContainerStats> containers) {
        ArrayNode array = JSON.createArrayNode();
        for (ObjectStore.ContainerStats c : containers) {
            ObjectNode n = array.addObject();
            n.put("name", c.name());
            n.put("count", c.objectCount());
            n.put("bytes", c.bytesUsed());
        }
        return array.toString();
    }
}
