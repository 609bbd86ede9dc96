package io.proxyfs.swift;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ContainerUrlTest {
    @Test
    void splitsAVolumeStorageUrl() {
        ContainerUrl u = ContainerUrl.parse("http://127.0.0.1:8080/v1/AUTH_test/con");
        assertEquals("http://127.0.0.1:8080/v1/AUTH_test", u.storageUrl());
        assertEquals("con", u.container());
        assertEquals("http://127.0.0.1:8080/v1/AUTH_test/con", u.toString());
    }

    @Test
    void decodesTheContainerAndIgnoresATrailingSlash() {
        ContainerUrl u = ContainerUrl.parse("http://127.0.0.1:8080/v1/AUTH_test/my%20vol/");
        assertEquals("my vol", u.container());
        assertEquals("http://127.0.0.1:8080/v1/AUTH_test/my%20vol", u.toString());
    }

    @Test
    void rejectsUrlsWithoutAContainer() {
        assertThrows(IllegalArgumentException.class, () -> ContainerUrl.parse("http://127.0.0.1:8080/v1/AUTH_test"));
        assertThrows(IllegalArgumentException.class, () -> ContainerUrl.parse("swift:8080/x"));
    }
}
