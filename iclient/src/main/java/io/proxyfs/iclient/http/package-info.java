/** iclient's status HTTP routes ({@link io.proxyfs.iclient.http.IclientStatus}). Thread-safe. */
package io.proxyfs.iclient.http;
