package io.proxyfs.retryrpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The methods a {@link RetryRpcServer} serves: each method name (the Go method name, e.g.
 * {@code "Mount"}) maps to a handler with a request type and a reply type. The request is decoded
 * from {@code params[0]} with the registry's {@link ObjectMapper} (use {@link JsonNode} to take it
 * raw); the reply object is encoded as {@code result}. A handler fails a request by throwing
 * {@link RpcErrorException}, whose string is sent verbatim as {@code errstr}.
 *
 * <p>Thread-safe: methods may be registered at any time, also while the server runs.
 */
public final class MethodRegistry {

    /**
     * A method run on a server worker thread.
     *
     * @param <Q> request type
     * @param <R> reply type
     */
    @FunctionalInterface
    public interface Handler<Q, R> {
        /**
         * @param clientId the calling client's unique id (the original's {@code clientID} argument)
         * @param request the decoded {@code params[0]}
         * @return the reply, sent as {@code result}
         * @throws RpcErrorException to answer with its error string
         */
        R handle(long clientId, Q request) throws RpcErrorException;
    }

    /**
     * A method that answers later without holding a worker thread (e.g. a lease request that waits
     * for other clients): it returns at once, and the stage it returns completes with the reply or
     * fails with {@link RpcErrorException}.
     *
     * @param <Q> request type
     * @param <R> reply type
     */
    @FunctionalInterface
    public interface AsyncHandler<Q, R> {
        /**
         * @param clientId the calling client's unique id
         * @param request the decoded {@code params[0]}
         * @return the stage completing with the reply
         */
        CompletionStage<R> handle(long clientId, Q request);
    }

    private record Method<Q, R>(Class<Q> requestType, Class<R> replyType, AsyncHandler<Q, R> handler) {
    }

    private final ObjectMapper mapper;
    private final ConcurrentHashMap<String, Method<?, ?>> methods = new ConcurrentHashMap<>();
    private volatile RpcCallObserver observer = RpcCallObserver.NONE;

    /** A registry decoding and encoding with {@link RpcJson#defaultMapper()}. */
    public MethodRegistry() {
        this(RpcJson.defaultMapper());
    }

    /** A registry decoding requests and encoding replies with {@code mapper}. */
    public MethodRegistry(ObjectMapper mapper) {
        this.mapper = Objects.requireNonNull(mapper, "mapper");
    }

    /**
     * Registers a method run on a worker thread.
     *
     * @throws IllegalStateException when the name is already registered
     */
    public <Q, R> MethodRegistry register(String name, Class<Q> requestType, Class<R> replyType, Handler<Q, R> handler) {
        Objects.requireNonNull(handler, "handler");
        return registerAsync(name, requestType, replyType, (clientId, request) -> {
            try {
                return CompletableFuture.completedFuture(handler.handle(clientId, request));
            } catch (RpcErrorException e) {
                return CompletableFuture.failedFuture(e);
            }
        });
    }

    /**
     * Registers a method that answers through a {@link CompletionStage}.
     *
     * @throws IllegalStateException when the name is already registered
     */
    public <Q, R> MethodRegistry registerAsync(String name, Class<Q> requestType, Class<R> replyType,
            AsyncHandler<Q, R> handler) {
        Objects.requireNonNull(name, "name");
        Method<Q, R> m = new Method<>(Objects.requireNonNull(requestType, "requestType"),
                Objects.requireNonNull(replyType, "replyType"), Objects.requireNonNull(handler, "handler"));
        if (methods.putIfAbsent(name, m) != null) {
            throw new IllegalStateException("retryrpc method " + name + " is already registered");
        }
        return this;
    }

    /** Tells {@code o} about every call from now on (for metrics). Returns this registry. */
    public MethodRegistry observe(RpcCallObserver o) {
        observer = Objects.requireNonNull(o, "observer");
        return this;
    }

    /** The registered method names. */
    public Set<String> methods() {
        return Set.copyOf(methods.keySet());
    }

    /** The mapper used for requests and replies. */
    public ObjectMapper mapper() {
        return mapper;
    }

    boolean has(String name) {
        return methods.containsKey(name);
    }

    /**
     * Decodes the request and starts the method.
     *
     * @return the stage of the reply object; it fails with {@link RpcErrorException} for an error
     *         string, with anything else for an unexpected failure
     * @throws IllegalArgumentException when {@code params} cannot be decoded as the request type
     */
    CompletionStage<Object> invoke(String name, long clientId, JsonNode params) {
        Method<?, ?> m = methods.get(name);
        if (m == null) {
            throw new IllegalStateException("no method " + name);
        }
        RpcCallObserver o = observer;
        long started = System.nanoTime();
        CompletionStage<Object> stage;
        try {
            stage = start(m, clientId, params);
        } catch (RuntimeException e) {
            o.completed(name, System.nanoTime() - started, false);
            throw e;
        }
        return stage.whenComplete((reply, failure) -> o.completed(name, System.nanoTime() - started, failure == null));
    }

    private <Q, R> CompletionStage<Object> start(Method<Q, R> m, long clientId, JsonNode params) {
        Q request = decode(m.requestType(), params);
        CompletionStage<R> stage = m.handler().handle(clientId, request);
        if (stage == null) {
            return CompletableFuture.failedFuture(new IllegalStateException("handler returned no CompletionStage"));
        }
        return stage.thenApply(r -> r);
    }

    private <Q> Q decode(Class<Q> type, JsonNode params) {
        JsonNode node = params == null || params.isNull() ? mapper.createObjectNode() : params;
        if (type == JsonNode.class) {
            return type.cast(node);
        }
        try {
            return mapper.treeToValue(node, type);
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot decode params as " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
