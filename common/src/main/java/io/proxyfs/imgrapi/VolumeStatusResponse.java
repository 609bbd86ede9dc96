package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.proxyfs.json.U64;

/**
 * The reply of {@code VolumeStatus}: the volume's inode count and byte accounting.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record VolumeStatusResponse(
        @JsonProperty("NumInodes") @U64 long numInodes,
        @JsonProperty("ObjectCount") @U64 long objectCount,
        @JsonProperty("BytesWritten") @U64 long bytesWritten,
        @JsonProperty("BytesReferenced") @U64 long bytesReferenced) {}
