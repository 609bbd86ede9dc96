/** JSON helpers shared by the project's wire formats: Go {@code uint64} values held in Java {@code long}s. */
package io.proxyfs.json;
