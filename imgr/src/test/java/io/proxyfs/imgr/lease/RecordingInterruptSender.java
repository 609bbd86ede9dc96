package io.proxyfs.imgr.lease;

import io.proxyfs.imgrapi.RpcInterrupt;
import io.proxyfs.imgrapi.RpcInterruptType;
import java.util.ArrayList;
import java.util.List;

/** An {@link InterruptSender} that remembers what it was asked to send. Thread-safe. */
final class RecordingInterruptSender implements InterruptSender {

    /** One interrupt as sent. */
    record Sent(long retryRpcClientId, RpcInterrupt interrupt) {}

    private final List<Sent> sent = new ArrayList<>();

    @Override
    public synchronized void send(long retryRpcClientId, RpcInterrupt interrupt) {
        sent.add(new Sent(retryRpcClientId, interrupt));
    }

    /** Everything sent so far, oldest first. */
    synchronized List<Sent> all() {
        return List.copyOf(sent);
    }

    /** The interrupt types sent to {@code holder} for {@code inodeNumber}, oldest first. */
    synchronized List<RpcInterruptType> to(LeaseHolder holder, long inodeNumber) {
        List<RpcInterruptType> types = new ArrayList<>();
        for (Sent s : sent) {
            if (s.retryRpcClientId() == holder.retryRpcClientId() && s.interrupt().inodeNumber() == inodeNumber) {
                types.add(s.interrupt().rpcInterruptType());
            }
        }
        return types;
    }

    /** Removes and returns everything sent so far. */
    synchronized List<Sent> drain() {
        List<Sent> drained = List.copyOf(sent);
        sent.clear();
        return drained;
    }
}
