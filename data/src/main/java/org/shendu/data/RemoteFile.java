package org.shendu.data;

import java.net.URI;

/**
 * A file to download into a dataset folder, with the digest that proves it is the right one.
 *
 * @param uri where to get it
 * @param fileName the name it gets in the dataset folder
 * @param algorithm the digest algorithm ({@code SHA-256}, or {@code SHA-1} where that is the only
 *     published checksum)
 * @param digest the expected digest, lower-case hex
 * @param untar whether it is a {@code .tar.gz} to unpack in place (and then delete)
 */
public record RemoteFile(URI uri, String fileName, String algorithm, String digest, boolean untar) {

    static RemoteFile sha256(String uri, String fileName, String digest) {
        return new RemoteFile(URI.create(uri), fileName, "SHA-256", digest, false);
    }
}
