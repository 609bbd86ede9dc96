package io.proxyfs.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import java.io.IOException;
import java.math.BigInteger;

/**
 * Writes a Java {@code long} that holds a Go {@code uint64} as an unsigned JSON number, so that
 * values above {@link Long#MAX_VALUE} appear as the original writes them. Stateless, thread-safe.
 */
public final class UnsignedLongSerializer extends StdSerializer<Long> {
    private static final long serialVersionUID = 1L;

    public UnsignedLongSerializer() {
        super(Long.class);
    }

    @Override
    public void serialize(Long value, JsonGenerator gen, SerializerProvider provider) throws IOException {
        long v = value;
        if (v >= 0) {
            gen.writeNumber(v);
        } else {
            gen.writeNumber(new BigInteger(Long.toUnsignedString(v)));
        }
    }
}
