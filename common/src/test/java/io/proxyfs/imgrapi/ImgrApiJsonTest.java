package io.proxyfs.imgrapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The records' JSON is byte-for-byte what Go's encoding/json writes for the original's structs. */
class ImgrApiJsonTest {
    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void putInodeTableEntriesMatchesGoEncoding() throws Exception {
        PutInodeTableEntriesRequest request = new PutInodeTableEntriesRequest("m1",
                List.of(new PutInodeTableEntry(5, 0x10, 174)), 1, -4096, 8192, List.of(-1L, 7L));
        String go = "{\"MountID\":\"m1\",\"UpdatedInodeTableEntryArray\":[{\"InodeNumber\":5,"
                + "\"InodeHeadObjectNumber\":16,\"InodeHeadLength\":174}],"
                + "\"SuperBlockInodeObjectCountAdjustment\":1,\"SuperBlockInodeBytesWrittenAdjustment\":-4096,"
                + "\"SuperBlockInodeBytesReferencedAdjustment\":8192,"
                + "\"DereferencedObjectNumberArray\":[18446744073709551615,7]}";
        assertEquals(go, mapper.writeValueAsString(request));
        assertEquals(request, mapper.readValue(go, PutInodeTableEntriesRequest.class));
    }

    @Test
    void goNullArraysAndUnknownFieldsAreAccepted() throws Exception {
        String go = "{\"MountID\":\"m\",\"UpdatedInodeTableEntryArray\":null,"
                + "\"SuperBlockInodeObjectCountAdjustment\":0,\"SuperBlockInodeBytesWrittenAdjustment\":0,"
                + "\"SuperBlockInodeBytesReferencedAdjustment\":0,\"DereferencedObjectNumberArray\":null,"
                + "\"SomeLaterField\":true}";
        PutInodeTableEntriesRequest request = mapper.readValue(go, PutInodeTableEntriesRequest.class);
        assertEquals(List.of(), request.updatedInodeTableEntryArray());
        assertEquals(List.of(), request.dereferencedObjectNumberArray());
    }

    @Test
    void leaseEnumsTravelAsTheOriginalsNumbers() throws Exception {
        assertEquals("{\"MountID\":\"m\",\"InodeNumber\":1,\"LeaseRequestType\":2}",
                mapper.writeValueAsString(new LeaseRequest("m", 1, LeaseRequestType.EXCLUSIVE)));
        assertEquals(new LeaseResponse(LeaseResponseType.PROMOTED),
                mapper.readValue("{\"LeaseResponseType\":2}", LeaseResponse.class));
        assertEquals("{\"RPCInterruptType\":2,\"InodeNumber\":9}",
                mapper.writeValueAsString(new RpcInterrupt(RpcInterruptType.RELEASE, 9)));
        assertThrows(JsonMappingException.class, () -> mapper.readValue("{\"LeaseResponseType\":6}", LeaseResponse.class));
    }

    @Test
    void emptyResponsesAreEmptyObjects() throws Exception {
        assertEquals("{}", mapper.writeValueAsString(new FlushResponse()));
        assertEquals(new UnmountResponse(), mapper.readValue("{}", UnmountResponse.class));
    }

    @Test
    void unsignedBoundsAreEnforced() throws Exception {
        assertEquals(-1L, mapper.readValue("{\"NextNonce\":18446744073709551615,\"NumNoncesFetched\":1}",
                FetchNonceRangeResponse.class).nextNonce());
        assertThrows(JsonMappingException.class, () -> mapper.readValue(
                "{\"NextNonce\":18446744073709551616,\"NumNoncesFetched\":1}", FetchNonceRangeResponse.class));
        assertThrows(JsonMappingException.class, () -> mapper.readValue(
                "{\"NextNonce\":-1,\"NumNoncesFetched\":1}", FetchNonceRangeResponse.class));
        assertThrows(JsonMappingException.class, () -> mapper.readValue(
                "{\"NextNonce\":\"1\",\"NumNoncesFetched\":1}", FetchNonceRangeResponse.class));
    }

    @Test
    void authTokensNeverShowInToString() {
        String secret = "AUTH_tk0123456789abcdef";
        assertFalse(new MountRequest("testvol", secret).toString().contains(secret));
        assertFalse(new RenewMountRequest("m", secret).toString().contains(secret));
        assertTrue(new MountRequest("testvol", secret).toString().contains("testvol"));
    }

    @Test
    void errorPrefixesAreRecognised() {
        ImgrRpcException e = ImgrRpcException.fromWire("EMissingLease: inode 5 not leased");
        assertTrue(e.is(ImgrError.MISSING_LEASE));
        assertEquals("EMissingLease: inode 5 not leased", e.getMessage());
        assertTrue(ImgrRpcException.fromWire("ETooManyOpens").is(ImgrError.TOO_MANY_OPENS));
        assertTrue(ImgrRpcException.fromWire("errno: 2").error().isEmpty());
        assertEquals("EUnknownMountID: abc", new ImgrRpcException(ImgrError.UNKNOWN_MOUNT_ID, "abc").getMessage());
    }
}
