package io.proxyfs.idestroy;

import io.proxyfs.iauth.AuthException;
import io.proxyfs.iauth.PlugInAuth;
import io.proxyfs.swift.ContainerUrl;
import io.proxyfs.swift.SwiftClient;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * One run of idestroy: authenticates through the iclient's auth plug-in, makes sure no client
 * has the volume mounted (unless forced), tells imgr to stop serving a volume that lives in the
 * container (so imgr writes nothing into it afterwards), then empties the container. Not
 * thread-safe: one {@link #run} per instance.
 */
public final class Idestroy {
    private final IdestroySettings settings;
    private final boolean force;
    private final PrintStream out;
    private final DestroyProgress progress;

    public Idestroy(IdestroySettings settings, boolean force, PrintStream out, DestroyProgress progress) {
        this.settings = settings;
        this.force = force;
        this.out = out;
        this.progress = progress;
    }

    /** Runs it; throws with a message for people when it cannot. */
    public DestroySummary run() throws IOException, AuthException, ContainerMissingException, VolumeMountedException {
        PlugInAuth auth = PlugInAuth.from(settings.auth());
        String containerUrl = auth.result().storageUrl();
        String container = ContainerUrl.parse(containerUrl).container();
        SwiftClient swift = new SwiftClient(auth, settings.swift());
        try {
            swift.headContainer(container);
        } catch (io.proxyfs.swift.SwiftException e) {
            if (e.isNotFound()) {
                throw new ContainerMissingException(containerUrl);
            }
            throw e;
        }
        try {
            stopImgrServing(containerUrl);
            return new ContainerEmptier(swift, settings.parallelism(), SwiftClient.MAX_LISTING_LIMIT)
                    .empty(container, progress);
        } finally {
            swift.close();
        }
    }

    private void stopImgrServing(String containerUrl) throws IOException, VolumeMountedException {
        ImgrVolumes imgr = new ImgrVolumes(settings.imgr());
        Optional<ServedVolume> served = Optional.empty();
        long deadline = System.nanoTime() + settings.imgrWait().toNanos();
        boolean waited = false;
        while (true) {
            try {
                served = imgr.servedFrom(containerUrl);
                break;
            } catch (java.net.ConnectException e) {
                // imgr may be starting (the README starts it in the background just before us)
                if (System.nanoTime() >= deadline) {
                    out.println("idestroy: imgr at " + imgr.address() + " did not answer within "
                            + settings.imgrWait().toSeconds() + " s; going on: a volume imgr does not serve has no mounts");
                    return;
                }
                if (!waited) {
                    out.println("idestroy: waiting up to " + settings.imgrWait().toSeconds() + " s for imgr at "
                            + imgr.address() + " (it may still be starting)");
                    waited = true;
                }
                sleep(200);
            } catch (IOException e) {
                out.println("idestroy: imgr at " + imgr.address() + " did not answer (" + e
                        + "); going on: a volume imgr does not serve has no mounts");
                return;
            }
        }
        if (served.isEmpty()) {
            return;
        }
        ServedVolume v = served.get();
        if (v.mounts() > 0 && !force) {
            throw new VolumeMountedException(v, containerUrl);
        }
        imgr.unserve(v.name());
        out.println("idestroy: imgr at " + imgr.address() + " no longer serves volume " + v.name()
                + (v.mounts() > 0 ? " (forced: it had " + v.mounts() + " mounts)" : "")
                + "; serve it again after formatting (imgr/mkmount.sh -fs)");
    }

    private static void sleep(long millis) throws java.io.InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted waiting for imgr");
        }
    }
}
