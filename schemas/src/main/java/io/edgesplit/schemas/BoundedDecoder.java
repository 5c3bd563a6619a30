package io.edgesplit.schemas;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.Decoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.util.Utf8;

/**
 * A binary decoder over a byte array that refuses lengths and item counts larger than the bytes
 * left. Avro's own decoders trust length prefixes and allocate up to 2 GiB for a string whose
 * garbage length prefix says so; a 13-byte value can then exhaust the heap of a job. Every item of
 * our schemas takes at least one byte, so a count above the remaining bytes is always corrupt.
 */
final class BoundedDecoder extends Decoder {

    private final ByteArrayInputStream source;
    private final BinaryDecoder in;

    BoundedDecoder(byte[] bytes, int offset, int length) {
        this.source = new ByteArrayInputStream(bytes, offset, length);
        this.in = DecoderFactory.get().directBinaryDecoder(source, null);
    }

    /** Bytes not consumed yet. */
    int remaining() {
        return source.available();
    }

    private int checkedLength(long length, String what) throws IOException {
        if (length < 0) {
            throw new IOException("negative " + what + " length " + length);
        }
        if (length > remaining()) {
            throw new EOFException(
                    what + " of " + length + " bytes but only " + remaining() + " bytes left");
        }
        return (int) length;
    }

    private long checkedCount(long count, String what) throws IOException {
        if (count < 0) {
            throw new IOException("negative " + what + " item count " + count);
        }
        if (count > remaining()) {
            throw new EOFException(
                    what + " of " + count + " items but only " + remaining() + " bytes left");
        }
        return count;
    }

    @Override
    public void readNull() throws IOException {
        in.readNull();
    }

    @Override
    public boolean readBoolean() throws IOException {
        return in.readBoolean();
    }

    @Override
    public int readInt() throws IOException {
        return in.readInt();
    }

    @Override
    public long readLong() throws IOException {
        return in.readLong();
    }

    @Override
    public float readFloat() throws IOException {
        return in.readFloat();
    }

    @Override
    public double readDouble() throws IOException {
        return in.readDouble();
    }

    @Override
    public Utf8 readString(Utf8 old) throws IOException {
        int length = checkedLength(in.readLong(), "string");
        Utf8 result = old != null ? old : new Utf8();
        result.setByteLength(length);
        in.readFixed(result.getBytes(), 0, length);
        return result;
    }

    @Override
    public String readString() throws IOException {
        int length = checkedLength(in.readLong(), "string");
        byte[] bytes = new byte[length];
        in.readFixed(bytes, 0, length);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public void skipString() throws IOException {
        in.skipFixed(checkedLength(in.readLong(), "string"));
    }

    @Override
    public ByteBuffer readBytes(ByteBuffer old) throws IOException {
        int length = checkedLength(in.readLong(), "bytes");
        ByteBuffer result;
        if (old != null && old.hasArray() && old.capacity() >= length) {
            result = old;
            result.clear();
        } else {
            result = ByteBuffer.allocate(length);
        }
        in.readFixed(result.array(), result.arrayOffset() + result.position(), length);
        result.limit(length);
        return result;
    }

    @Override
    public void skipBytes() throws IOException {
        in.skipFixed(checkedLength(in.readLong(), "bytes"));
    }

    @Override
    public void readFixed(byte[] bytes, int start, int length) throws IOException {
        in.readFixed(bytes, start, checkedLength(length, "fixed"));
    }

    @Override
    public void skipFixed(int length) throws IOException {
        in.skipFixed(checkedLength(length, "fixed"));
    }

    @Override
    public int readEnum() throws IOException {
        return in.readEnum();
    }

    @Override
    public long readArrayStart() throws IOException {
        return checkedCount(in.readArrayStart(), "array");
    }

    @Override
    public long arrayNext() throws IOException {
        return checkedCount(in.arrayNext(), "array");
    }

    @Override
    public long skipArray() throws IOException {
        return checkedCount(in.skipArray(), "array");
    }

    @Override
    public long readMapStart() throws IOException {
        return checkedCount(in.readMapStart(), "map");
    }

    @Override
    public long mapNext() throws IOException {
        return checkedCount(in.mapNext(), "map");
    }

    @Override
    public long skipMap() throws IOException {
        return checkedCount(in.skipMap(), "map");
    }

    @Override
    public int readIndex() throws IOException {
        return in.readIndex();
    }
}
