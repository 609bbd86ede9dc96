package io.proxyfs.sortedmap;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * String keys (directory entry names) packed as the layout's length-prefixed string: an 8-byte
 * little-endian length, then the UTF-8 bytes.
 *
 * <p>Keys are ordered as Go orders strings, bytewise on their UTF-8 form, which is code point
 * order; {@link String#compareTo} differs (it compares UTF-16 units, so U+FF61 sorts after
 * U+1F600 there but before it here). Strings with unpaired surrogates cannot be encoded and are
 * refused; packed keys that are not valid UTF-8 are reported as corrupt. Thread-safety:
 * stateless; use {@link #INSTANCE}.
 */
public final class StringKeyCodec implements KeyCodec<String> {
    /** The shared instance. */
    public static final StringKeyCodec INSTANCE = new StringKeyCodec();

    private StringKeyCodec() {
    }

    @Override
    public void pack(String key, ByteWriter out) {
        ByteBuffer encoded;
        try {
            encoded = StandardCharsets.UTF_8.newEncoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .encode(CharBuffer.wrap(key));
        } catch (CharacterCodingException e) {
            throw new BPlusTreeException("key is not encodable as UTF-8 (unpaired surrogate)", e);
        }
        byte[] utf8 = new byte[encoded.remaining()];
        encoded.get(utf8);
        out.u64(utf8.length);
        out.bytes(utf8);
    }

    @Override
    public String unpack(ByteReader in) {
        byte[] utf8 = in.bytes(in.u64());
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new BPlusTreeException("key is not valid UTF-8", e);
        }
    }

    @Override
    public int compare(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }
}
