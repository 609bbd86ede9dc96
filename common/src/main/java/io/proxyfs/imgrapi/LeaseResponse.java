package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The reply of {@code Lease}: what was granted, or that it was denied.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record LeaseResponse(
        @JsonProperty("LeaseResponseType") LeaseResponseType leaseResponseType) {}
