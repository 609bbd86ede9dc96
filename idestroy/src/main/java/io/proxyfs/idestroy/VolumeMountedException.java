package io.proxyfs.idestroy;

/** imgr reports the volume in the container mounted, and idestroy was not forced. */
public final class VolumeMountedException extends Exception {
    private static final long serialVersionUID = 1L;

    public VolumeMountedException(ServedVolume volume, String containerUrl) {
        super("volume " + volume.name() + " (" + containerUrl + ") has " + volume.mounts()
                + " mount(s) at imgr; unmount them first, or empty it anyway with --force");
    }
}
