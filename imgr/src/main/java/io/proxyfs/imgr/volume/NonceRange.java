package io.proxyfs.imgr.volume;

/**
 * Nonces {@code next} to {@code next + count - 1}, reserved durably (the checkpoint records them)
 * and therefore never handed out again, even after a crash. Immutable.
 *
 * @param next the first nonce
 * @param count how many
 */
public record NonceRange(long next, long count) {
}
