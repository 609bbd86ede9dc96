package io.proxyfs.imgr.lease;

import io.proxyfs.imgrapi.LeaseResponseType;
import io.proxyfs.imgrapi.RpcInterrupt;
import io.proxyfs.imgrapi.RpcInterruptType;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one step of the state machine decided, collected under the manager's lock and acted on after
 * it is released: replies to complete, interrupts to send, mounts to expire. Mounts found
 * unresponsive are also queued here for the manager to process before it unlocks.
 *
 * <p>Not thread-safe: one instance belongs to one step on one thread.
 */
final class Outcome {

    private static final Logger LOG = LoggerFactory.getLogger(Outcome.class);

    private record Reply(CompletableFuture<LeaseResponseType> future, LeaseResponseType response) {}

    private record Interrupt(long retryRpcClientId, RpcInterrupt interrupt) {}

    /** A mount whose holder did not answer; {@code reason} names the inode and interrupt. */
    record Unresponsive(MountLeases mount, String reason) {}

    private final List<Reply> replies = new ArrayList<>();
    private final List<Interrupt> interrupts = new ArrayList<>();
    private final List<Unresponsive> unresponsive = new ArrayList<>();
    private final List<Unresponsive> expirations = new ArrayList<>();

    void reply(CompletableFuture<LeaseResponseType> future, LeaseResponseType response) {
        replies.add(new Reply(future, response));
    }

    void interrupt(LeaseHolder holder, RpcInterruptType type, long inodeNumber) {
        interrupts.add(new Interrupt(holder.retryRpcClientId(), new RpcInterrupt(type, inodeNumber)));
    }

    void unresponsive(MountLeases mount, String reason) {
        unresponsive.add(new Unresponsive(mount, reason));
    }

    /** Removes and returns the unresponsive mounts queued so far. */
    List<Unresponsive> takeUnresponsive() {
        List<Unresponsive> taken = new ArrayList<>(unresponsive);
        unresponsive.clear();
        return taken;
    }

    void expire(MountLeases mount, String reason) {
        expirations.add(new Unresponsive(mount, reason));
    }

    /** Acts on everything collected; call without holding the manager's lock. */
    void deliver(InterruptSender sender, MountExpirer expirer) {
        for (Reply reply : replies) {
            reply.future().complete(reply.response());
        }
        for (Interrupt interrupt : interrupts) {
            try {
                sender.send(interrupt.retryRpcClientId(), interrupt.interrupt());
            } catch (RuntimeException e) {
                LOG.warn("sending {} to retryrpc client {} failed", interrupt.interrupt(),
                        interrupt.retryRpcClientId(), e);
            }
        }
        for (Unresponsive expiration : expirations) {
            try {
                expirer.expire(expiration.mount().holder(), expiration.reason());
            } catch (RuntimeException e) {
                LOG.warn("expiring mount {} failed", expiration.mount().holder().mountId(), e);
            }
        }
    }
}
