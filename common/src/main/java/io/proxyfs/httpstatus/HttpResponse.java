package io.proxyfs.httpstatus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What an endpoint answers: a status, a content type, extra headers and the body. Immutable.
 *
 * @param status the HTTP status code
 * @param contentType the Content-Type, or "" for none
 * @param headers extra response headers
 * @param body the body bytes
 */
public record HttpResponse(int status, String contentType, Map<String, String> headers, byte[] body) {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public HttpResponse {
        headers = Map.copyOf(headers);
        body = body.clone();
    }

    /** The body bytes (a copy). */
    @Override
    public byte[] body() {
        return body.clone();
    }

    /** 200 with {@code value} as indented JSON (Jackson). */
    public static HttpResponse json(Object value) {
        return json(200, value);
    }

    /** {@code status} with {@code value} as indented JSON (Jackson). */
    public static HttpResponse json(int status, Object value) {
        try {
            return new HttpResponse(status, "application/json", Map.of(), JSON.writeValueAsBytes(value));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write " + value.getClass().getName() + " as JSON", e);
        }
    }

    /** {@code status} with a plain-text body (a newline is added when missing). */
    public static HttpResponse text(int status, String text) {
        String body = text.endsWith("\n") ? text : text + "\n";
        return new HttpResponse(status, "text/plain; charset=utf-8", Map.of(), body.getBytes(StandardCharsets.UTF_8));
    }

    /** 200 with an HTML page. */
    public static HttpResponse html(String page) {
        return new HttpResponse(200, "text/html; charset=utf-8", Map.of(), page.getBytes(StandardCharsets.UTF_8));
    }

    /** {@code status} with no body (e.g. 201, 204). */
    public static HttpResponse empty(int status) {
        return new HttpResponse(status, "", Map.of(), new byte[0]);
    }
}
