package io.proxyfs.idestroy;

/**
 * A volume imgr serves from the container idestroy is about to empty, as imgr's
 * {@code GET /volume} lists it. Immutable.
 *
 * @param name   the volume's name at imgr
 * @param mounts mounts imgr counts on it (healthy, lease-expired and token-expired together)
 */
public record ServedVolume(String name, long mounts) {
}
