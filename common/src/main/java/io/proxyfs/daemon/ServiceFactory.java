package io.proxyfs.daemon;

import io.proxyfs.conf.ConfMap;

/**
 * Starts a daemon's service from its loaded config; throws to refuse (the message is shown to the
 * user and the daemon exits non-zero). Implementations are called once, from the main thread.
 */
@FunctionalInterface
public interface ServiceFactory {
    /** Starts the service and returns it running. */
    Service start(ConfMap conf) throws Exception;
}
