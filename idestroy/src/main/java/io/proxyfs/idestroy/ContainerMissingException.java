package io.proxyfs.idestroy;

/** The container idestroy was asked to empty does not exist (Swift answered 404). */
public final class ContainerMissingException extends Exception {
    private static final long serialVersionUID = 1L;

    public ContainerMissingException(String containerUrl) {
        super("container " + containerUrl + " does not exist: there is nothing to destroy"
                + " (create and format it with imgr/mkmount.sh -f)");
    }
}
