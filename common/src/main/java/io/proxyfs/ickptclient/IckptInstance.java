package io.proxyfs.ickptclient;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * One ickpt instance's protocol, asynchronously: stage a checkpoint ({@code PUT /<txn>}) or a
 * deletion ({@code DELETE /<txn>}), commit ({@code POST /<txn>}), read ({@code GET /}), probe
 * ({@code HEAD /}). Each call completes with an {@link Answer} — never exceptionally: a request
 * that got no response is an answer with status {@link Answer#NO_RESPONSE} and the reason.
 * Thread-safe; the OkHttp client is shared and owned by the caller.
 */
public final class IckptInstance {
    private static final MediaType TEXT = MediaType.get("text/plain");
    private static final RequestBody EMPTY = RequestBody.create(new byte[0], null);

    private final String baseUrl;
    private final OkHttpClient http;

    /**
     * What an instance answered.
     *
     * @param status the HTTP status, or {@link #NO_RESPONSE}
     * @param body the body (the checkpoint for a GET, the one-line reason for an error)
     * @param source the {@code X-Checkpoint-Source} of a GET: "ickpt" or "swift" (or "")
     */
    public record Answer(int status, byte[] body, String source) {
        /** The status of a request that got no response. */
        public static final int NO_RESPONSE = -1;

        /** Whether the status is 2xx. */
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Whether {@code a} is a 2xx answer (false for null: no answer in time). */
        public static boolean okOrNull(Answer a) {
            return a != null && a.ok();
        }

        /** A short description for messages: status and reason. */
        public String describe() {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            if (status == NO_RESPONSE) {
                return "no response (" + text + ")";
            }
            return ok() ? Integer.toString(status) : status + " " + (text.length() > 200 ? text.substring(0, 200) : text);
        }
    }

    public IckptInstance(String baseUrl, OkHttpClient http) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.http = http;
    }

    /** The instance's base URL. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Stages {@code checkPoint} for the volume under {@code txn}. */
    public CompletableFuture<Answer> stage(String txn, String volumeUrl, String token, byte[] checkPoint) {
        return send(request("/" + txn, volumeUrl, token).put(RequestBody.create(checkPoint, TEXT)).build());
    }

    /** Stages the deletion of the volume's checkpoint under {@code txn}. */
    public CompletableFuture<Answer> stageDelete(String txn, String volumeUrl, String token) {
        return send(request("/" + txn, volumeUrl, token).delete().build());
    }

    /** Commits what {@code txn} staged. */
    public CompletableFuture<Answer> commit(String txn, String volumeUrl, String token) {
        return send(request("/" + txn, volumeUrl, token).post(EMPTY).build());
    }

    /** Reads the volume's checkpoint. */
    public CompletableFuture<Answer> get(String volumeUrl, String token) {
        return send(request("/", volumeUrl, token).get().build());
    }

    /** Asks whether the instance is healthy (204). */
    public CompletableFuture<Answer> head() {
        return send(new Request.Builder().url(baseUrl + "/").head().build());
    }

    private Request.Builder request(String path, String volumeUrl, String token) {
        return new Request.Builder().url(baseUrl + path).header("X-Storage-Url", volumeUrl)
                .header("X-Auth-Token", token);
    }

    private CompletableFuture<Answer> send(Request request) {
        CompletableFuture<Answer> done = new CompletableFuture<>();
        http.newCall(request).enqueue(new Callback() {
            @Override
            public void onFailure(Call call, IOException e) {
                done.complete(new Answer(Answer.NO_RESPONSE, String.valueOf(e.getMessage())
                        .getBytes(StandardCharsets.UTF_8), ""));
            }

            @Override
            public void onResponse(Call call, Response response) {
                try (response; ResponseBody body = response.body()) {
                    byte[] bytes = body == null ? new byte[0] : body.bytes();
                    String source = response.header("X-Checkpoint-Source", "");
                    done.complete(new Answer(response.code(), bytes, source));
                } catch (IOException | RuntimeException e) {
                    done.complete(new Answer(Answer.NO_RESPONSE, ("reading the response: " + e.getMessage())
                            .getBytes(StandardCharsets.UTF_8), ""));
                }
            }
        });
        return done;
    }
}
