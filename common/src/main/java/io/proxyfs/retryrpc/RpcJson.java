package io.proxyfs.retryrpc;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * The JSON bodies of the protocol, with the field names of the original
 * ({@code jsonRequest}/{@code jsonReply} in {@code retryrpc/api_internal.go}):
 * <ul>
 *   <li>request: {@code {"myuniqueid":N,"requestid":N,"highestReplySeen":N,"method":"M","params":[P]}}
 *   <li>reply: {@code {"myuniqueid":N,"requestid":N,"errstr":"E","result":R}}, {@code errstr}
 *       empty and {@code result} the method's reply on success, {@code result} null on error
 *   <li>ReturnUniqueID and PassID: the client id as a bare JSON number
 * </ul>
 * Ids are Go {@code uint64}s; here they are Java {@code long}s read and written unsigned. As with
 * Go's {@code json.Unmarshal}, anything after the top-level value is an error, so a body
 * corrupted by lost bytes is rejected rather than half-read.
 *
 * <p>Stateless and thread-safe (the {@link ObjectMapper}s used are thread-safe once configured).
 */
public final class RpcJson {
    private RpcJson() {
    }

    /**
     * A mapper that decodes the way Go's {@code encoding/json} does: field names match case
     * insensitively and unknown fields are ignored. Used when none is given.
     */
    public static ObjectMapper defaultMapper() {
        return JsonMapper.builder()
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }

    /** A decoded request envelope; {@code params} is the first element of {@code params}, or null. */
    record Request(long clientId, long requestId, long highestReplySeen, String method, JsonNode params) {
    }

    /** A decoded reply envelope; {@code result} may be null. */
    record Reply(long clientId, long requestId, String errstr, JsonNode result) {
    }

    static byte[] encodeRequest(ObjectMapper mapper, long clientId, long requestId, long highestReplySeen, String method,
            String paramsJson) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(96 + paramsJson.length());
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("myuniqueid");
            g.writeNumber(Long.toUnsignedString(clientId));
            g.writeFieldName("requestid");
            g.writeNumber(Long.toUnsignedString(requestId));
            g.writeFieldName("highestReplySeen");
            g.writeNumber(Long.toUnsignedString(highestReplySeen));
            g.writeStringField("method", method);
            g.writeFieldName("params");
            g.writeStartArray();
            g.writeRawValue(paramsJson);
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode request envelope", e);
        }
        return out.toByteArray();
    }

    /**
     * Encodes a reply.
     *
     * @param errstr empty on success
     * @param result the method's reply object (serialized with {@code mapper}); ignored and
     *        written as null when {@code errstr} is not empty
     * @throws IOException when {@code result} cannot be serialized
     */
    static byte[] encodeReply(ObjectMapper mapper, long clientId, long requestId, String errstr, Object result)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128);
        try (JsonGenerator g = mapper.getFactory().createGenerator(out)) {
            g.writeStartObject();
            g.writeFieldName("myuniqueid");
            g.writeNumber(Long.toUnsignedString(clientId));
            g.writeFieldName("requestid");
            g.writeNumber(Long.toUnsignedString(requestId));
            g.writeStringField("errstr", errstr);
            g.writeFieldName("result");
            if (errstr.isEmpty() && result != null) {
                g.setCodec(mapper);
                mapper.writeValue(g, result);
            } else {
                g.writeNull();
            }
            g.writeEndObject();
        }
        return out.toByteArray();
    }

    static byte[] encodeId(long id) {
        return Long.toUnsignedString(id).getBytes(StandardCharsets.US_ASCII);
    }

    static long decodeId(byte[] body) throws BadFrameException {
        String s = new String(body, StandardCharsets.US_ASCII).strip();
        try {
            return Long.parseUnsignedLong(s);
        } catch (NumberFormatException e) {
            throw new BadFrameException("client id is not an unsigned JSON number: " + abbreviate(s));
        }
    }

    static Request decodeRequest(ObjectMapper mapper, byte[] body) throws BadFrameException {
        JsonNode root = parseObject(mapper, body, "request");
        JsonNode method = root.get("method");
        if (method == null || !method.isTextual()) {
            throw new BadFrameException("request has no string \"method\"");
        }
        JsonNode params = root.get("params");
        JsonNode first = params != null && params.isArray() && params.size() > 0 ? params.get(0) : null;
        return new Request(unsigned(root, "myuniqueid", true), unsigned(root, "requestid", true),
                unsigned(root, "highestReplySeen", false), method.textValue(), first);
    }

    static Reply decodeReply(ObjectMapper mapper, byte[] body) throws BadFrameException {
        JsonNode root = parseObject(mapper, body, "reply");
        JsonNode errstr = root.get("errstr");
        if (errstr != null && !errstr.isNull() && !errstr.isTextual()) {
            throw new BadFrameException("reply \"errstr\" is not a string");
        }
        JsonNode result = root.get("result");
        return new Reply(unsigned(root, "myuniqueid", true), unsigned(root, "requestid", true),
                errstr == null || errstr.isNull() ? "" : errstr.textValue(),
                result == null || result.isNull() ? null : result);
    }

    private static JsonNode parseObject(ObjectMapper mapper, byte[] body, String what) throws BadFrameException {
        JsonNode root;
        try {
            root = mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(body);
        } catch (IOException e) {
            throw new BadFrameException("undecodable " + what + " JSON: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new BadFrameException(what + " body is not a JSON object: "
                    + abbreviate(new String(body, StandardCharsets.UTF_8)));
        }
        return root;
    }

    private static long unsigned(JsonNode root, String field, boolean required) throws BadFrameException {
        JsonNode n = root.get(field);
        if (n == null || n.isNull()) {
            if (required) {
                throw new BadFrameException("missing \"" + field + "\"");
            }
            return 0;
        }
        if (!n.isIntegralNumber()) {
            throw new BadFrameException("\"" + field + "\" is not an integer");
        }
        BigInteger v = n.bigIntegerValue();
        if (v.signum() < 0 || v.bitLength() > 64) {
            throw new BadFrameException("\"" + field + "\" " + v + " is outside the uint64 range");
        }
        return v.longValue();
    }

    static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }
}
