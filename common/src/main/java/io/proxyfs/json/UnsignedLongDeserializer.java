package io.proxyfs.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Reads a Go {@code uint64} JSON number (0 to 2^64-1) into a Java {@code long} holding the same
 * bits; refuses negative numbers, fractions, strings and values that do not fit. Stateless,
 * thread-safe.
 */
public final class UnsignedLongDeserializer extends StdDeserializer<Long> {
    private static final long serialVersionUID = 1L;
    private static final BigInteger MAX_U64 = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    public UnsignedLongDeserializer() {
        super(Long.class);
    }

    @Override
    public Long deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_NUMBER_INT) {
            return (Long) ctxt.handleUnexpectedToken(Long.class, p);
        }
        BigInteger value = p.getBigIntegerValue();
        if (value.signum() < 0 || value.compareTo(MAX_U64) > 0) {
            return (Long) ctxt.handleWeirdNumberValue(Long.class, value, "not a uint64 (0 to 2^64-1)");
        }
        return value.longValue();
    }

    @Override
    public Long getNullValue(DeserializationContext ctxt) {
        return 0L;
    }
}
