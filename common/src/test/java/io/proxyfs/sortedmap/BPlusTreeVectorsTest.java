package io.proxyfs.sortedmap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.proxyfs.testing.SharedVectors;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Replays the golden B+tree scenarios written by the original (NVIDIA/sortedmap 1.20): reads
 * back what the original wrote, and writes exactly the same bytes, discards, roots and layouts.
 */
class BPlusTreeVectorsTest {
    private static final HexFormat HEX = HexFormat.of();

    /** How one scenario kind maps JSON keys and values to tree keys and values. */
    private record Kind<K, V>(KeyCodec<K> keys, ValueCodec<V> values, Function<JsonNode, K> key,
            Function<JsonNode, V> value) {
    }

    private static final Kind<Long, TestValues.InodeTableValue> INODE_TABLE = new Kind<>(
            U64KeyCodec.INSTANCE, TestValues.INODE_TABLE, JsonNode::asLong,
            v -> new TestValues.InodeTableValue(1, v.get("InodeHeadObjectNumber").asLong(),
                    v.get("InodeHeadLength").asLong()));

    private static final Kind<String, TestValues.DirectoryValue> DIRECTORY = new Kind<>(
            StringKeyCodec.INSTANCE, TestValues.DIRECTORY, JsonNode::asText,
            v -> new TestValues.DirectoryValue(v.get("InodeNumber").asLong(), v.get("InodeType").asInt()));

    @TestFactory
    List<DynamicTest> scenarios() throws IOException {
        List<String> lines = Files.readAllLines(SharedVectors.require("btree-vectors.jsonl"));
        ObjectMapper json = new ObjectMapper();
        List<DynamicTest> tests = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode scenario = json.readTree(line);
            Kind<?, ?> kind = switch (scenario.get("Kind").asText()) {
                case "inodetable" -> INODE_TABLE;
                case "directory" -> DIRECTORY;
                default -> throw new IllegalArgumentException("unknown kind " + scenario.get("Kind"));
            };
            String name = scenario.get("Scenario").asText();
            tests.add(DynamicTest.dynamicTest(name + ": read what the original wrote",
                    () -> readBack(scenario, kind)));
            tests.add(DynamicTest.dynamicTest(name + ": write what the original wrote",
                    () -> writeSame(scenario, kind)));
        }
        assertTrue(tests.size() >= 8, "expected at least 4 scenarios");
        return tests;
    }

    /** The map the operations of batches 0..last leave. */
    private static <K, V> List<Map.Entry<K, V>> expectedAfter(JsonNode scenario, Kind<K, V> kind, int last) {
        TreeMap<K, V> model = new TreeMap<>(kind.keys());
        for (int b = 0; b <= last; b++) {
            for (JsonNode op : scenario.get("Batches").get(b)) {
                K key = kind.key().apply(op.get("Key"));
                if (op.get("Op").asText().equals("put")) {
                    model.putIfAbsent(key, kind.value().apply(op.get("Value")));
                } else {
                    model.remove(key);
                }
            }
        }
        return new ArrayList<>(model.entrySet());
    }

    private static NodeLocation location(JsonNode triple) {
        return new NodeLocation(triple.get(0).asLong(), triple.get(1).asLong(), triple.get(2).asLong());
    }

    private static <K, V> void readBack(JsonNode scenario, Kind<K, V> kind) {
        int max = scenario.get("MaxKeysPerNode").asInt();
        MemoryNodeStore store = new MemoryNodeStore(0);
        JsonNode flushes = scenario.get("Flushes");
        for (JsonNode flush : flushes) {
            for (JsonNode n : flush.get("Nodes")) {
                store.putObject(n.get("ObjectNumber").asLong(), n.get("ObjectOffset").asLong(),
                        HEX.parseHex(n.get("Hex").asText()));
            }
        }
        for (int f = 0; f < flushes.size(); f++) {
            JsonNode flush = flushes.get(f);
            NodeLocation rootAt = location(flush.get("Root"));
            for (JsonNode n : flush.get("Nodes")) {
                byte[] bytes = HEX.parseHex(n.get("Hex").asText());
                NodeLocation at = new NodeLocation(n.get("ObjectNumber").asLong(),
                        n.get("ObjectOffset").asLong(), bytes.length);
                assertArrayEquals(bytes, roundTrip(bytes, at, at.equals(rootAt), max, kind),
                        "node at " + at + " decodes and re-encodes to the same bytes");
            }
            BPlusTree<K, V> tree = BPlusTree.open(rootAt, kind.keys(), kind.values(), store, null);
            assertEquals(max, tree.maxKeysPerNode());
            List<Map.Entry<K, V>> expected = expectedAfter(scenario, kind, f);
            assertEquals(expected.size(), tree.size());
            List<Map.Entry<K, V>> actual = new ArrayList<>();
            tree.iterator().forEachRemaining(actual::add);
            assertEquals(expected, actual, "items read back from the root of flush " + f);
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).getValue(), tree.get(expected.get(i).getKey()));
                assertEquals(expected.get(i), tree.getByIndex(i));
            }
            tree.validate();
        }
    }

    private static <K, V> byte[] roundTrip(byte[] bytes, NodeLocation at, boolean isRoot, int max, Kind<K, V> kind) {
        BPlusTree<K, V> owner = BPlusTree.create(max, kind.keys(), kind.values(), new MemoryNodeStore(0), null);
        Node<K, V> node = Node.reference(owner, null, at, new ByteReader(bytes).u64());
        node.root = isRoot;
        NodeCodec.decode(bytes, node, max, kind.keys(), kind.values());
        return NodeCodec.encode(node, max, kind.keys(), kind.values());
    }

    private static <K, V> void writeSame(JsonNode scenario, Kind<K, V> kind) {
        int max = scenario.get("MaxKeysPerNode").asInt();
        MemoryNodeStore store = new MemoryNodeStore(2);
        BPlusTree<K, V> tree = BPlusTree.create(max, kind.keys(), kind.values(), store, null);
        JsonNode batches = scenario.get("Batches");
        for (int b = 0; b < batches.size(); b++) {
            for (JsonNode op : batches.get(b)) {
                K key = kind.key().apply(op.get("Key"));
                if (op.get("Op").asText().equals("put")) {
                    tree.put(key, kind.value().apply(op.get("Value")));
                } else {
                    assertTrue(tree.delete(key), "delete of a present key");
                }
            }
            JsonNode flush = scenario.get("Flushes").get(b);
            store.startObject(2 + b);
            int firstPut = store.puts.size();
            int firstDiscard = store.discards.size();
            NodeLocation root = tree.flush(false);
            tree.prune();

            List<MemoryNodeStore.Put> written = store.puts.subList(firstPut, store.puts.size());
            JsonNode nodes = flush.get("Nodes");
            assertEquals(nodes.size(), written.size(), "nodes written by flush " + b);
            for (int i = 0; i < nodes.size(); i++) {
                JsonNode n = nodes.get(i);
                MemoryNodeStore.Put p = written.get(i);
                assertEquals(n.get("ObjectNumber").asLong(), p.objectNumber(), "flush " + b + " node " + i);
                assertEquals(n.get("ObjectOffset").asLong(), p.objectOffset(), "flush " + b + " node " + i);
                assertEquals(n.get("Hex").asText(), HEX.formatHex(p.bytes()), "flush " + b + " node " + i);
            }

            List<NodeLocation> expectedDiscards = new ArrayList<>();
            JsonNode discarded = flush.get("Discarded");
            if (discarded != null && !discarded.isNull()) {
                for (JsonNode d : discarded) {
                    expectedDiscards.add(new NodeLocation(d.get("ObjectNumber").asLong(),
                            d.get("ObjectOffset").asLong(), d.get("ObjectLength").asLong()));
                }
            }
            List<NodeLocation> actualDiscards = new ArrayList<>(
                    store.discards.subList(firstDiscard, store.discards.size()));
            actualDiscards.sort(null);
            assertEquals(expectedDiscards, actualDiscards, "discards after flush " + b);

            assertEquals(location(flush.get("Root")), root, "root of flush " + b);

            TreeMap<Long, Long> expectedLayout = new TreeMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = flush.get("Layout").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                expectedLayout.put(Long.parseLong(e.getKey()), e.getValue().asLong());
            }
            assertEquals(expectedLayout, new TreeMap<>(tree.layoutReport()), "layout after flush " + b);
            tree.validate();
        }
    }
}
