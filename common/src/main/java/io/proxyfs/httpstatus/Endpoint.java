package io.proxyfs.httpstatus;

/**
 * Answers one kind of request. Implementations are called from the server's threads,
 * concurrently, and must be thread-safe. {@link HttpError} becomes its status and reason; any
 * other exception becomes a 500 with the exception's message (and is logged).
 */
@FunctionalInterface
public interface Endpoint {
    HttpResponse handle(HttpRequest request) throws Exception;
}
