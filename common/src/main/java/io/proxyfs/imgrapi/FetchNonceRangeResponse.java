package io.proxyfs.imgrapi;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.proxyfs.json.U64;

/**
 * The reply of {@code FetchNonceRange}: nonces {@code NextNonce} to {@code NextNonce+NumNoncesFetched-1} are the caller's.
 * Field names on the wire are the original's. Immutable.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FetchNonceRangeResponse(
        @JsonProperty("NextNonce") @U64 long nextNonce,
        @JsonProperty("NumNoncesFetched") @U64 long numNoncesFetched) {}
