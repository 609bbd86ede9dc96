package io.proxyfs.ickptclient;

import io.proxyfs.ickptclient.IckptInstance.Answer;
import io.proxyfs.httpstatus.MetricRegistry;
import io.proxyfs.ilayout.CheckPointV1;
import io.proxyfs.ilayout.LayoutException;
import io.proxyfs.retryrpc.TlsContexts;
import io.proxyfs.swift.NoDelaySocketFactory;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A volume's checkpoint kept strictly consistent on N ickpt instances by majority quorums
 * (m = N/2 + 1). The original leaves replication to imgr and its two-phase write hangs when a PUT
 * fails; this one does not.
 *
 * <p><b>Write</b> ({@link #write}, {@link #delete}): a fresh transaction id (16 upper-case hex
 * digits, as the original) is staged on every instance at once; once m staged, the stage is
 * committed on each instance that staged it; the write is durable only when m committed. A round
 * that falls short is retried with a new id after {@code CheckPointRetryDelay}, growing by
 * {@code CheckPointRetryExpBackoff}, up to {@code CheckPointRetryLimit} retries; then it fails
 * with an {@link IckptException} saying what each instance answered. If m instances refuse the
 * stage as stale (409), it fails at once with {@link IckptStaleException}. A write that failed
 * may still have been committed by a minority (it then shows at the next read, as a write that
 * raced a crash would).
 *
 * <p><b>Read</b> ({@link #read}): every instance is asked; m answers (200 or 404) are needed (else
 * retried as above); the newest checkpoint among them wins (larger ReservedToNonce, then larger
 * superblock object number); any instance that answered with something else, or holds none, is
 * then brought up to date by a write of the winner on it alone, all such repairs at once, the read
 * waiting for them at most 5 s (best effort: a failure is only logged; the 409 rule on the
 * instance makes a repair unable to roll anything back).
 *
 * <p>Requests go out concurrently on one OkHttp client (TCP_NODELAY; TLS trusting
 * {@code CheckPointCACertFilePath} when set). Once m answered as wanted, the others get a grace of
 * {@link #GRACE_NANOS} before the round goes on without them. Thread-safe.
 */
public final class IckptQuorum implements AutoCloseable {
    /** How long a round waits for the remaining instances once a majority answered: 200 ms. */
    static final long GRACE_NANOS = 200_000_000L;
    /** How long a read waits for the repairs it started: 5 s (the rest go on in the background). */
    static final long REPAIR_WAIT_NANOS = 5_000_000_000L;

    private static final Logger LOG = LoggerFactory.getLogger(IckptQuorum.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final IckptClientSettings settings;
    private final OkHttpClient http;
    private final List<IckptInstance> instances;
    private final int majority;
    private final MetricRegistry metrics;

    /** Connects to the instances of {@code settings} (nothing is sent until the first call). */
    public IckptQuorum(IckptClientSettings settings) throws IOException {
        this(settings, new MetricRegistry());
    }

    /**
     * The same, counting in {@code metrics}: {@code ickpt_client_operations_total{op,result}}
     * (op write, delete, read; result ok, failed, stale), {@code ickpt_client_operation_seconds{op}},
     * {@code ickpt_client_retries_total{op}} and {@code ickpt_client_repairs_total{result}}.
     */
    public IckptQuorum(IckptClientSettings settings, MetricRegistry metrics) throws IOException {
        this.settings = settings;
        this.metrics = metrics;
        Dispatcher dispatcher = new Dispatcher();
        dispatcher.setMaxRequests(Math.max(settings.connectionPoolSize(), settings.addresses().size()));
        dispatcher.setMaxRequestsPerHost(Math.max(settings.connectionPoolSize(), settings.addresses().size()));
        OkHttpClient.Builder b = new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .connectionPool(new ConnectionPool(settings.connectionPoolSize(), 5, TimeUnit.MINUTES))
                .callTimeout(settings.timeout())
                .connectTimeout(settings.timeout())
                .readTimeout(settings.timeout())
                .writeTimeout(settings.timeout())
                // a pooled connection to an instance that restarted fails once: retried (safe:
                // stage and commit are idempotent in ickpt's protocol)
                .retryOnConnectionFailure(true)
                .followRedirects(false)
                .socketFactory(NoDelaySocketFactory.INSTANCE);
        if (settings.caCertFile().isPresent()) {
            SSLContext tls = TlsContexts.client(settings.caCertFile().get());
            X509TrustManager trust = TlsContexts.trustManager(settings.caCertFile().get());
            b.sslSocketFactory(tls.getSocketFactory(), trust);
        }
        this.http = b.build();
        this.instances = settings.baseUrls().stream().map(u -> new IckptInstance(u, http)).toList();
        this.majority = instances.size() / 2 + 1;
    }

    /** How many instances make a majority. */
    public int majority() {
        return majority;
    }

    /** The instances' base URLs. */
    public List<String> instances() {
        return instances.stream().map(IckptInstance::baseUrl).toList();
    }

    /**
     * Makes {@code checkPoint} the volume's committed checkpoint on a majority; returns only once
     * it is durable there.
     *
     * @param volumeUrl the URL of the volume's checkpoint object (its {@code X-Storage-Url})
     * @param token the volume's Swift token
     */
    public void write(String volumeUrl, String token, byte[] checkPoint) throws IOException {
        long start = System.nanoTime();
        measured("write", start, () -> twoPhase("write", volumeUrl, instances,
                (txn) -> i -> i.stage(txn, volumeUrl, token, checkPoint),
                (txn) -> i -> i.commit(txn, volumeUrl, token)));
    }

    /** Removes the volume's checkpoint from a majority (before a container is formatted anew). */
    public void delete(String volumeUrl, String token) throws IOException {
        long start = System.nanoTime();
        measured("delete", start, () -> twoPhase("delete", volumeUrl, instances,
                (txn) -> i -> i.stageDelete(txn, volumeUrl, token),
                (txn) -> i -> i.commit(txn, volumeUrl, token)));
    }

    @FunctionalInterface
    private interface Operation {
        void run() throws IOException;
    }

    private void measured(String op, long start, Operation body) throws IOException {
        String result = "failed";
        try {
            body.run();
            result = "ok";
        } catch (IckptStaleException e) {
            result = "stale";
            throw e;
        } finally {
            count(op, result, start);
        }
    }

    private void count(String op, String result, long start) {
        metrics.counter("ickpt_client_operations_total", "Checkpoint operations on the ickpt quorum, by result.",
                "op", op, "result", result).inc();
        metrics.histogram("ickpt_client_operation_seconds", "Latency of checkpoint operations on the ickpt quorum.",
                "op", op).observeSince(start);
    }

    /**
     * The volume's newest checkpoint among a majority (ickpt's, or Swift's where an instance holds
     * none), or empty if none of them has one; lagging instances are repaired before it returns.
     */
    public Optional<byte[]> read(String volumeUrl, String token) throws IOException {
        long start = System.nanoTime();
        String result = "failed";
        try {
            Optional<byte[]> value = readOnce(volumeUrl, token);
            result = "ok";
            return value;
        } finally {
            count("read", result, start);
        }
    }

    private Optional<byte[]> readOnce(String volumeUrl, String token) throws IOException {
        IckptException last = null;
        for (int attempt = 0; attempt <= settings.retryLimit(); attempt++) {
            pause(attempt, "read");
            List<Answer> answers = round(instances, i -> i.get(volumeUrl, token), IckptQuorum::answered);
            long answered = answers.stream().filter(IckptQuorum::answered).count();
            if (answers.stream().filter(a -> a != null && a.status() == 401).count() >= majority) {
                throw new IckptException("read of " + volumeUrl + ": X-Auth-Token refused (401) by a majority: "
                        + describe(instances, answers));
            }
            if (answered < majority) {
                last = new IckptException("read of " + volumeUrl + " failed: only " + answered + " of "
                        + instances.size() + " ickpt instances answered (need " + majority + "): " + describe(instances, answers));
                LOG.warn("{} (attempt {} of {})", last.getMessage(), attempt + 1, settings.retryLimit() + 1);
                continue;
            }
            Optional<byte[]> newest = newest(answers);
            if (newest.isPresent()) {
                repair(volumeUrl, token, answers, newest.get());
            }
            return newest;
        }
        throw last;
    }

    private static boolean answered(Answer a) {
        return a != null && (a.status() == 200 || a.status() == 404);
    }

    /** The newest parseable checkpoint among the 200s. */
    private static Optional<byte[]> newest(List<Answer> answers) {
        byte[] best = null;
        CheckPointV1 bestCp = null;
        for (Answer a : answers) {
            if (a == null || a.status() != 200) {
                continue;
            }
            CheckPointV1 cp;
            try {
                cp = CheckPointV1.unmarshal(a.body());
            } catch (LayoutException e) {
                LOG.warn("ignoring an unreadable checkpoint from ickpt: {}", e.getMessage());
                continue;
            }
            if (bestCp == null || Long.compareUnsigned(cp.reservedToNonce(), bestCp.reservedToNonce()) > 0
                    || (cp.reservedToNonce() == bestCp.reservedToNonce()
                        && Long.compareUnsigned(cp.superBlockObjectNumber(), bestCp.superBlockObjectNumber()) > 0)) {
                best = a.body();
                bestCp = cp;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Writes {@code newest} on each instance that answered without holding it (best effort). */
    /**
     * Writes {@code newest} on each instance that answered without holding it, all at once; waits
     * for them at most {@link #REPAIR_WAIT_NANOS} (a slow one finishes in the background). Best
     * effort: failures are logged and counted, never thrown.
     */
    private void repair(String volumeUrl, String token, List<Answer> answers, byte[] newest) {
        List<CompletableFuture<Answer>> repairs = new ArrayList<>();
        for (int i = 0; i < instances.size(); i++) {
            Answer a = answers.get(i);
            if (a == null || !answered(a)) {
                continue;
            }
            if (a.status() == 200 && a.source().equals("ickpt") && Arrays.equals(a.body(), newest)) {
                continue;
            }
            IckptInstance lagging = instances.get(i);
            String txn = newTxn();
            repairs.add(lagging.stage(txn, volumeUrl, token, newest)
                    .thenCompose(staged -> staged.ok() ? lagging.commit(txn, volumeUrl, token)
                            : CompletableFuture.completedFuture(staged))
                    .whenComplete((committed, e) -> {
                        boolean ok = committed != null && committed.ok();
                        metrics.counter("ickpt_client_repairs_total",
                                "Lagging ickpt instances brought up to date by reads.", "result", ok ? "ok" : "failed")
                                .inc();
                        if (ok) {
                            LOG.info("ickpt {} brought up to date for {}", lagging.baseUrl(), volumeUrl);
                        } else {
                            LOG.warn("ickpt {} not brought up to date for {}: {}", lagging.baseUrl(), volumeUrl,
                                    committed == null ? String.valueOf(e) : committed.describe());
                        }
                    }));
        }
        if (repairs.isEmpty()) {
            return;
        }
        try {
            CompletableFuture.allOf(repairs.toArray(new CompletableFuture<?>[0]))
                    .get(Math.min(REPAIR_WAIT_NANOS, settings.timeout().toNanos()), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            LOG.warn("repairs of lagging ickpt instances for {} go on in the background", volumeUrl);
        } catch (java.util.concurrent.ExecutionException e) {
            LOG.warn("repair of a lagging ickpt instance for {} failed: {}", volumeUrl, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void twoPhase(String what, String volumeUrl, List<IckptInstance> targets,
            Function<String, Function<IckptInstance, CompletableFuture<Answer>>> stage,
            Function<String, Function<IckptInstance, CompletableFuture<Answer>>> commit) throws IOException {
        IckptException last = null;
        for (int attempt = 0; attempt <= settings.retryLimit(); attempt++) {
            pause(attempt, what);
            String txn = newTxn();
            List<Answer> staged = round(targets, stage.apply(txn), Answer::okOrNull);
            long stagedOk = staged.stream().filter(Answer::okOrNull).count();
            if (stagedOk < majority) {
                if (staged.stream().filter(a -> a != null && a.status() == 401).count() >= majority) {
                    throw new IckptException(what + " of " + volumeUrl + ": X-Auth-Token refused (401) by a majority: "
                            + describe(targets, staged));
                }
                if (staged.stream().filter(a -> a != null && a.status() == 409).count() >= majority) {
                    throw new IckptStaleException(what + " of " + volumeUrl + " refused as stale by a majority of "
                            + "ickpt instances: " + describe(targets, staged));
                }
                last = new IckptException(what + " of " + volumeUrl + " not durable: staged on only " + stagedOk
                        + " of " + targets.size() + " ickpt instances (need " + majority + "): " + describe(targets, staged));
                LOG.warn("{} (attempt {} of {})", last.getMessage(), attempt + 1, settings.retryLimit() + 1);
                continue;
            }
            List<IckptInstance> stagedOn = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                if (Answer.okOrNull(staged.get(i))) {
                    stagedOn.add(targets.get(i));
                }
            }
            List<Answer> committed = round(stagedOn, commit.apply(txn), Answer::okOrNull);
            long committedOk = committed.stream().filter(Answer::okOrNull).count();
            if (committedOk >= majority) {
                return;
            }
            last = new IckptException(what + " of " + volumeUrl + " not durable: committed on only " + committedOk
                    + " of " + targets.size() + " ickpt instances (need " + majority + "): " + describe(stagedOn, committed));
            LOG.warn("{} (attempt {} of {})", last.getMessage(), attempt + 1, settings.retryLimit() + 1);
        }
        throw last;
    }

    private List<Answer> round(List<IckptInstance> targets, Function<IckptInstance, CompletableFuture<Answer>> call,
            java.util.function.Predicate<Answer> wanted) throws IOException {
        List<CompletableFuture<Answer>> calls = targets.stream().map(call).toList();
        try {
            return new MajorityWait(calls).await(majority, wanted, GRACE_NANOS,
                    settings.timeout().toNanos() + GRACE_NANOS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IckptException("interrupted while waiting for ickpt", e);
        }
    }

    private void pause(int attempt, String op) throws IckptException {
        if (attempt == 0) {
            return;
        }
        metrics.counter("ickpt_client_retries_total", "Rounds retried because no majority answered as needed.",
                "op", op).inc();
        double nanos = settings.retryDelay().toNanos() * Math.pow(settings.retryExpBackoff(), attempt - 1);
        try {
            TimeUnit.NANOSECONDS.sleep((long) Math.min(nanos, TimeUnit.MINUTES.toNanos(10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IckptException("interrupted while waiting to retry ickpt", e);
        }
    }

    private static String describe(List<IckptInstance> targets, List<Answer> answers) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < answers.size(); i++) {
            if (i > 0) {
                b.append("; ");
            }
            Answer a = answers.get(i);
            b.append(targets.get(i).baseUrl()).append(' ')
                    .append(a == null ? "no answer in time" : a.describe());
        }
        return b.toString();
    }

    private static String newTxn() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HexFormat.of().withUpperCase().formatHex(b);
    }

    @Override
    public void close() {
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
    }
}
