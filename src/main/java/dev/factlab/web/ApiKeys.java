package dev.factlab.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The configured API keys, kept as SHA-256 digests and compared in constant time. A key's
 * client name is {@code key-} and the first 12 hex digits of its digest: stable, and it
 * never shows the key.
 */
final class ApiKeys {

	/** Visible ASCII, 1 to 256 characters. */
	static final Pattern FORM = Pattern.compile("[\\x21-\\x7E]{1,256}");

	private final List<byte[]> digests;

	ApiKeys(List<String> keys) {
		this.digests = keys.stream().map(ApiKeys::sha256).toList();
	}

	/**
	 * @param presented the X-API-Key header's value
	 * @return the key's client name, or empty when it is no configured key
	 */
	Optional<String> client(String presented) {
		if (presented == null || !FORM.matcher(presented).matches()) {
			return Optional.empty();
		}
		byte[] digest = sha256(presented);
		boolean found = false;
		for (byte[] known : digests) {
			// every key is compared, so the time taken doesn't say which one matched
			found |= MessageDigest.isEqual(known, digest);
		}
		return found ? Optional.of("key-" + HexFormat.of().formatHex(digest, 0, 6)) : Optional.empty();
	}

	private static byte[] sha256(String key) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.US_ASCII));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has SHA-256", ex);
		}
	}

}
