package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The (empty) reply of {@code DeleteInodeTableEntry}.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DeleteInodeTableEntryResponse() {
}
