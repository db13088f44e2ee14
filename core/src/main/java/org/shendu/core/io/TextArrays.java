package org.shendu.core.io;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.shendu.core.ShenduException;

/**
 * Arrays of texts (a vocabulary) in a safetensors file, which holds only numbers: the UTF-8 bytes of
 * the texts one after another as a {@code U8} tensor {@code NAME}, and their byte lengths as an
 * {@code I32} tensor {@code NAME.lengths}. NumPy reads them back with
 * {@code np.split(bytes, np.cumsum(lengths)[:-1])}.
 */
public final class TextArrays {
    /** The suffix of the lengths tensor. */
    public static final String LENGTHS = ".lengths";

    private TextArrays() {}

    /** Adds {@code texts} to {@code tensors} as {@code name} and {@code name.lengths}. */
    public static void put(Map<String, Safetensors.Array> tensors, String name, String[] texts) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int[] lengths = new int[texts.length];
        for (int i = 0; i < texts.length; i++) {
            byte[] b = texts[i].getBytes(StandardCharsets.UTF_8);
            lengths[i] = b.length;
            bytes.writeBytes(b);
        }
        byte[] all = bytes.toByteArray();
        tensors.put(name, Safetensors.Array.of(all, all.length));
        tensors.put(name + LENGTHS, Safetensors.Array.of(lengths, lengths.length));
    }

    /** The texts stored as {@code name} in {@code file}'s {@code tensors}; a damaged pair is a one-line error. */
    public static String[] get(Path file, Map<String, Safetensors.Array> tensors, String name) {
        Safetensors.Array bytes = tensors.get(name), lengths = tensors.get(name + LENGTHS);
        if (bytes == null || bytes.dtype() != Safetensors.Dtype.U8 || lengths == null
                || lengths.dtype() != Safetensors.Dtype.I32) {
            throw ShenduException.in(file, "damaged: no texts `" + name + "` (a U8 tensor and an I32 " + name + LENGTHS + ")");
        }
        byte[] b = (byte[]) bytes.values();
        int[] len = (int[]) lengths.values();
        String[] out = new String[len.length];
        int at = 0;
        for (int i = 0; i < len.length; i++) {
            if (len[i] < 0 || len[i] > b.length - at) {
                throw ShenduException.in(file, "damaged: bad text length in `" + name + "`");
            }
            out[i] = new String(b, at, len[i], StandardCharsets.UTF_8);
            at += len[i];
        }
        if (at != b.length) {
            throw ShenduException.in(file, "damaged: the text lengths of `" + name + "` do not add up");
        }
        return out;
    }
}
