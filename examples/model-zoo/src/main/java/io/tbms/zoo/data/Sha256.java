package io.tbms.zoo.data;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 over a sequence of byte chunks, each length-prefixed so chunk borders count. */
public final class Sha256 {

  private Sha256() {}

  public static String hex(byte[]... chunks) {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
    if (chunks.length == 1) {
      return HexFormat.of().formatHex(digest.digest(chunks[0]));
    }
    for (byte[] chunk : chunks) {
      int n = chunk.length;
      digest.update(new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
      digest.update(chunk);
    }
    return HexFormat.of().formatHex(digest.digest());
  }
}
