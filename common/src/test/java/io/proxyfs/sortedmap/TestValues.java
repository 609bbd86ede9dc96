package io.proxyfs.sortedmap;

/** Plain value codecs for the golden vectors' two value layouts (ilayout does not exist here). */
final class TestValues {
    private TestValues() {
    }

    /** InodeTableEntryValueV1: u64 Version (1), u64 InodeHeadObjectNumber, u64 InodeHeadLength. */
    record InodeTableValue(long version, long inodeHeadObjectNumber, long inodeHeadLength) {
    }

    /** DirectoryEntryValueV1: u64 InodeNumber, u8 InodeType. */
    record DirectoryValue(long inodeNumber, int inodeType) {
    }

    static final ValueCodec<InodeTableValue> INODE_TABLE = new ValueCodec<>() {
        @Override
        public void pack(InodeTableValue v, ByteWriter out) {
            out.u64(v.version());
            out.u64(v.inodeHeadObjectNumber());
            out.u64(v.inodeHeadLength());
        }

        @Override
        public InodeTableValue unpack(ByteReader in) {
            return new InodeTableValue(in.u64(), in.u64(), in.u64());
        }
    };

    static final ValueCodec<DirectoryValue> DIRECTORY = new ValueCodec<>() {
        @Override
        public void pack(DirectoryValue v, ByteWriter out) {
            out.u64(v.inodeNumber());
            out.u8(v.inodeType());
        }

        @Override
        public DirectoryValue unpack(ByteReader in) {
            return new DirectoryValue(in.u64(), in.u8());
        }
    };
}
