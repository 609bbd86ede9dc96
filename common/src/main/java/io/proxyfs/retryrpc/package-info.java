/**
 * retryrpc: the RPC transport between iclient and imgr, wire-compatible with the Go package
 * {@code retryrpc} of ProxyFS 2.0, with at-most-once execution across reconnects.
 *
 * <h2>Wire protocol</h2>
 * Every message is a 14-byte big-endian header — body length (u32), protocol (u16, 1 = JSON),
 * version (u16, 1), message type (u16, see {@link io.proxyfs.retryrpc.MessageType}), magic
 * 0xCAFEFEED (u32) — followed by the body. A new client sends AskMyUniqueID (empty body) and gets
 * ReturnUniqueID with its id as a bare JSON number; a reconnecting client sends PassID with its id
 * and gets no answer. Requests are
 * {@code {"myuniqueid","requestid","highestReplySeen","method","params":[P]}} with request ids
 * counting from 1; replies are {@code {"myuniqueid","requestid","errstr","result"}} with
 * {@code errstr} empty on success and {@code result} null on error; an unknown method answers
 * {@code "errno: 2"}. Upcalls are Type=Upcall frames whose body is passed to the client as is.
 *
 * <h2>At-most-once</h2>
 * The server keeps, per client, every request id it has started in a
 * {@link io.proxyfs.retryrpc.ReplyCache}: a copy arriving while the first still runs waits for its
 * reply; a copy arriving later gets the cached reply; a copy at or below the client's
 * acknowledged id ({@code highestReplySeen}) that is no longer cached is ignored. Replies leave
 * the cache when acknowledged (checked every {@code RetryRPCAckTrim}) or when older than
 * {@code RetryRPCTTLCompleted}; a disconnected client with an empty cache is forgotten after the
 * same TTL.
 *
 * <h2>Lost sessions</h2>
 * If a client passes an id the server does not know (the server restarted, or forgot the idle
 * client), the server does not exit as the original did: it hands out a fresh id with
 * ReturnUniqueID on that connection, and answers requests still naming the old id with
 * {@code "ESessionLost: ..."} without executing them. The client adopts the new id, restarts its
 * request ids at 1, fails every unanswered call with
 * {@link io.proxyfs.retryrpc.SessionLostException} (the new server never ran them; whether the old
 * one did is unknown, so only the owner can decide to repeat them) and calls its
 * {@link io.proxyfs.retryrpc.RetryRpcClient.SessionListener}. Client ids start from the server's
 * start time in milliseconds times 1024, so ids of a previous server incarnation are never handed
 * out again.
 *
 * <h2>Server concurrency</h2>
 * {@link io.proxyfs.retryrpc.RetryRpcServer} runs:
 * <ul>
 *   <li>one acceptor thread ({@code retryrpc-server-PORT-accept});
 *   <li>one reader thread per connection ({@code retryrpc-server-PORT-conn-N}): TLS handshake and
 *       first message with {@code RetryRPCDeadlineIO} as read timeout, then it reads frames with no
 *       timeout between frames (as the original, idle clients are fine; dead peers are found by
 *       TCP keepalive) and hands each RPC frame to the worker pool. When {@code workerCount * 8}
 *       requests are queued or running, readers stop reading (back-pressure through TCP);
 *   <li>a fixed pool of {@code workerCount} workers ({@code retryrpc-server-PORT-worker-N}):
 *       decode the request, consult the reply cache, run the method, cache and send the reply on
 *       the connection the request came in on. Methods registered with
 *       {@link io.proxyfs.retryrpc.MethodRegistry#registerAsync} return a stage and free the
 *       worker at once (use this for requests that wait on other clients, such as leases, so they
 *       cannot exhaust the pool);
 *   <li>one upcall thread ({@code retryrpc-server-PORT-upcall}) writing upcalls, so
 *       {@link io.proxyfs.retryrpc.RetryRpcServer#sendUpcall} never blocks its caller;
 *   <li>one timer thread ({@code retryrpc-server-PORT-timer}) trimming the caches every
 *       {@code RetryRPCAckTrim} and closing connections whose frame read (once begun) or write has
 *       taken longer than {@code RetryRPCDeadlineIO} (Java sockets have no write timeout).
 * </ul>
 * Writes to a connection are serialized per connection, a frame at a time. Sessions live in a
 * concurrent map; each reply cache has its own lock, never held while a method runs or a socket
 * is written. A broken frame (bad magic, length above {@code maxFrameBytes}, wrong protocol or
 * version, unexpected type, undecodable JSON) closes that connection only and is logged once;
 * nothing a client sends ends the process. {@code close()} stops accepting, closes every
 * connection, interrupts running methods (their replies are not sent) and waits for all threads.
 *
 * <h2>Client concurrency</h2>
 * {@link io.proxyfs.retryrpc.RetryRpcClient} runs:
 * <ul>
 *   <li>the calling threads, any number: each registers its request under the client lock, writes
 *       it itself (writes are serialized per connection) and waits on its own future, at most its
 *       deadline;
 *   <li>one supervisor thread ({@code retryrpc-client-HOST:PORT-supervisor}): dials (100 ms
 *       backoff doubling up to {@code backoffCap}, forever), identifies, installs the connection and
 *       sends every unanswered request again in id order; while connected, it checks about every
 *       {@code RetryRPCDeadlineIO / 4} (at most 1 s) that no frame read or write is stuck, that the
 *       server has said something within {@code RetryRPCDeadlineIO} while requests are outstanding
 *       (otherwise it reconnects, as the original does on a read timeout), and sends any request
 *       that missed the connection;
 *   <li>one reader thread per connection ({@code retryrpc-client-HOST:PORT-reader-GEN}): decodes
 *       replies and completes the matching futures, hands upcalls to the upcall thread, and on any
 *       error or bad frame drops the connection so that the supervisor redials. Connections carry
 *       a generation number so a late error on an old one never drops a newer one;
 *   <li>one upcall thread ({@code retryrpc-client-HOST:PORT-upcall}) running the
 *       {@link io.proxyfs.retryrpc.RetryRpcClient.UpcallHandler} and the session listener in
 *       arrival order; a slow handler delays later upcalls but never replies, and it may itself
 *       make calls.
 * </ul>
 * A request is written at most once per connection. Replies that arrive for calls no longer
 * waiting (a duplicate, or a call that timed out) are dropped. A call that times out is
 * acknowledged to the server as done, so the server can trim it, and is never sent again.
 * {@code close()} fails every unanswered call with
 * {@link io.proxyfs.retryrpc.ClientClosedException} and waits for the threads.
 *
 * <h2>TLS</h2>
 * The server speaks TLS when given a PEM certificate and key, the client when given a PEM CA
 * file; the client checks the certificate against the address it dials. There are no client
 * certificates. {@code scripts/mkcert.sh DIR} makes a throwaway CA and a certificate for
 * 127.0.0.1/::1/localhost.
 */
package io.proxyfs.retryrpc;
