package io.proxyfs.conf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Property-based fuzzing of the config parser: 100,000 random texts built from the characters
 * and tokens that matter to it (brackets, separators, comments, escapes, {@code .include}), and
 * 100,000 random overrides, then every typed getter on whatever parsed. Each either works or is
 * refused with a {@link ConfException} that says something; nothing else is thrown.
 */
class ConfFuzzTest {
    private static final String SEED = "[IMGR]\nPublicIPAddr: 127.0.0.1\nRetryRPCPort = 32356\nList: a, b c\n"
            + "Escaped: x\\u002Cy\n# comment\n; other\nEmpty:\n[ICLIENT]\nFUSEMaxRead: 131072\nDur: 10ms\n";

    @Property(tries = 100_000)
    void textsParseOrAreRefused(@ForAll("texts") String text) {
        ConfMap conf;
        try {
            conf = ConfMap.parse(text, "fuzz.conf");
        } catch (ConfException refused) {
            assertUseful(refused);
            return;
        }
        exerciseGetters(conf);
    }

    @Property(tries = 100_000)
    void overridesApplyOrAreRefused(@ForAll("overrides") String override) {
        ConfMap conf = ConfMap.parse(SEED, "seed.conf");
        try {
            exerciseGetters(conf.withOverride(override));
        } catch (ConfException refused) {
            assertUseful(refused);
        }
    }

    @Provide
    Arbitrary<String> texts() {
        Arbitrary<String> tokens = Arbitraries.of("[", "]", "IMGR", "ICLIENT", "Key", ":", "=", " ", "\t", "\n", "\r\n",
                "#", ";", ",", "\\u002C", "\\u00", "\\", ".include", " nofile.conf", "10ms", "-1", "18446744073709551616",
                "true", "x", "é", "\u0000", "[]", "[A B]");
        Arbitrary<String> built = tokens.list().ofMaxSize(60).map(l -> String.join("", l));
        Arbitrary<String> mutated = Arbitraries.integers().between(0, SEED.length()).flatMap(at ->
                Arbitraries.strings().ofMaxLength(6).map(ins -> SEED.substring(0, at) + ins + SEED.substring(at)));
        return Arbitraries.oneOf(built, mutated, Arbitraries.strings().ofMaxLength(200));
    }

    @Provide
    Arbitrary<String> overrides() {
        Arbitrary<String> tokens = Arbitraries.of("IMGR", "ICLIENT", "NEW", ".", "RetryRPCPort", "List", "=", ":", "",
                " ", ",", "\\u002C", "1", "-5", "99999999999999999999", "10ms", "x");
        return Arbitraries.oneOf(tokens.list().ofMaxSize(8).map(l -> String.join("", l)), Arbitraries.strings().ofMaxLength(40));
    }

    /** Every typed getter on every key: each gives a value or a clear ConfException. */
    private static void exerciseGetters(ConfMap conf) {
        for (String section : conf.sections()) {
            for (String key : conf.asMap().get(section).keySet()) {
                List<Runnable> getters = List.of(
                        () -> conf.getString(section, key), () -> conf.getStringList(section, key),
                        () -> conf.getBool(section, key), () -> conf.getUint8(section, key),
                        () -> conf.getUint16(section, key), () -> conf.getUint32(section, key),
                        () -> conf.getUint64(section, key), () -> conf.getFloat64(section, key),
                        () -> conf.getDuration(section, key));
                for (Runnable g : getters) {
                    try {
                        g.run();
                    } catch (ConfException refused) {
                        assertUseful(refused);
                    }
                }
            }
        }
    }

    private static void assertUseful(ConfException e) {
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank(), "a refusal without a message");
    }
}
