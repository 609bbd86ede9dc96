package io.proxyfs.imgr.http;

import io.proxyfs.conf.GoDuration;
import io.proxyfs.httpstatus.HttpError;
import io.proxyfs.httpstatus.HttpRequest;
import io.proxyfs.httpstatus.HttpResponse;
import io.proxyfs.httpstatus.Router;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The keepalive mechanism of the original's REST API: {@code PUT /keepalive/<duration>} starts a
 * countdown after which every served volume is unserved (and the duration resets to none);
 * {@code GET /keepalive} answers the duration (404 when none) and restarts the countdown, as do
 * {@code GET /volume} and {@code PUT /volume/<name>} through {@link #touch()};
 * {@code DELETE /keepalive} turns it off. Thread-safe: synchronized.
 */
public final class KeepAlive implements AutoCloseable {
    private final Runnable onExpiry;
    private final ScheduledExecutorService timer;
    private Duration duration = Duration.ZERO;
    private ScheduledFuture<?> countdown;

    /** @param onExpiry what to do when the countdown ends (unserve every volume) */
    public KeepAlive(Runnable onExpiry) {
        this.onExpiry = onExpiry;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "imgr-keepalive");
            t.setDaemon(true);
            return t;
        });
    }

    /** Adds the routes to {@code router}. */
    public Router addTo(Router router) {
        return router.add("GET", "/keepalive", this::get)
                .add("PUT", "/keepalive/*", this::put)
                .add("DELETE", "/keepalive", r -> {
                    set(Duration.ZERO);
                    return HttpResponse.empty(204);
                });
    }

    /** Restarts the countdown, if one runs. */
    public synchronized void touch() {
        if (!duration.isZero()) {
            schedule();
        }
    }

    private synchronized HttpResponse get(HttpRequest request) throws HttpError {
        if (duration.isZero()) {
            throw new HttpError(404, "keepalive is off");
        }
        schedule();
        return HttpResponse.text(200, duration.toString());
    }

    private HttpResponse put(HttpRequest request) throws HttpError {
        Duration d;
        try {
            d = GoDuration.parse(request.remainder());
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "bad keepalive duration \"" + request.remainder() + "\": " + e.getMessage());
        }
        if (d.isNegative() || d.isZero()) {
            throw new HttpError(400, "a keepalive duration must be longer than 0");
        }
        set(d);
        return HttpResponse.empty(204);
    }

    private synchronized void set(Duration d) {
        duration = d;
        if (countdown != null) {
            countdown.cancel(false);
            countdown = null;
        }
        if (!d.isZero()) {
            schedule();
        }
    }

    private void schedule() {
        if (countdown != null) {
            countdown.cancel(false);
        }
        countdown = timer.schedule(this::expire, duration.toNanos(), TimeUnit.NANOSECONDS);
    }

    private void expire() {
        synchronized (this) {
            duration = Duration.ZERO;
            countdown = null;
        }
        onExpiry.run();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
