package fr.paris.casvp.keycloak.authenticators.network;

import java.math.BigInteger;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A list of IPv4 and IPv6 ranges in CIDR notation, as an admin types it ("10.0.0.0/8,
 * 2001:db8::/32" or one per line; a bare address is a /32 or /128). Parsed once,
 * validated with a message that names the bad entry (shown in the admin console when
 * the setting is saved), and matched without any DNS lookup.
 */
public final class TrustedNetworks {

    /** A refused entry of the list, with the reason in plain words. */
    public static final class InvalidRange extends IllegalArgumentException {
        private final String entry;

        InvalidRange(String entry, String reason) {
            super("\"" + entry + "\": " + reason);
            this.entry = entry;
        }

        public String entry() {
            return entry;
        }
    }

    private record Range(byte[] network, int prefixBits, String text) {

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int fullBytes = prefixBits / 8;
            for (int i = 0; i < fullBytes; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefixBits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[fullBytes] & mask) == (network[fullBytes] & mask);
        }
    }

    private static final TrustedNetworks NONE = new TrustedNetworks(List.of());

    private final List<Range> ranges;

    private TrustedNetworks(List<Range> ranges) {
        this.ranges = ranges;
    }

    public static TrustedNetworks none() {
        return NONE;
    }

    /**
     * Parses the list; entries are separated by commas, semicolons, spaces or new lines.
     *
     * @throws InvalidRange for the first entry that is not an IP literal with a valid prefix
     */
    public static TrustedNetworks parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String entry : text.trim().split("[,;\\s]+")) {
            ranges.add(range(entry));
        }
        return new TrustedNetworks(Collections.unmodifiableList(ranges));
    }

    /**
     * Parses the list at sign-in time: entries that are not valid ranges are skipped and
     * reported to {@code skipped} (to be logged), the others apply. Admins see the
     * same problems, with their reason, through {@link #parse}.
     */
    public static TrustedNetworks parseSkippingInvalid(String text, Consumer<InvalidRange> skipped) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String entry : text.trim().split("[,;\\s]+")) {
            try {
                ranges.add(range(entry));
            } catch (InvalidRange invalid) {
                skipped.accept(invalid);
            }
        }
        return new TrustedNetworks(Collections.unmodifiableList(ranges));
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        String addressText = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress address = NetworkPrefix.parseLiteral(addressText)
                .orElseThrow(() -> new InvalidRange(entry, "not an IPv4 or IPv6 address (host names are not allowed)"));
        int maxBits = address instanceof Inet4Address ? 32 : 128;
        int bits = maxBits;
        if (slash >= 0) {
            String bitsText = entry.substring(slash + 1);
            if (!bitsText.matches("\\d{1,3}")) {
                throw new InvalidRange(entry, "the prefix length after / must be a number");
            }
            bits = Integer.parseInt(bitsText);
            if (bits > maxBits) {
                throw new InvalidRange(entry, "the prefix length must be at most " + maxBits);
            }
        }
        byte[] network = address.getAddress();
        if (!hostBitsAreZero(network, bits)) {
            throw new InvalidRange(entry, "bits are set after the prefix; did you mean "
                    + canonical(network, bits) + "?");
        }
        return new Range(network, bits, canonical(network, bits));
    }

    private static boolean hostBitsAreZero(byte[] network, int bits) {
        BigInteger value = new BigInteger(1, network);
        int hostBits = network.length * 8 - bits;
        return hostBits == 0 || value.and(BigInteger.ONE.shiftLeft(hostBits).subtract(BigInteger.ONE)).signum() == 0;
    }

    private static String canonical(byte[] address, int bits) {
        byte[] network = address.clone();
        for (int bit = bits; bit < network.length * 8; bit++) {
            network[bit / 8] &= (byte) ~(1 << (7 - bit % 8));
        }
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + bits;
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Whether the client address (as {@code ClientConnection.getRemoteAddr()} gives it)
     * is in one of the ranges. An address that cannot be parsed is never trusted.
     */
    public boolean contains(String clientAddress) {
        Optional<InetAddress> address = NetworkPrefix.parseLiteral(clientAddress);
        if (address.isEmpty()) {
            return false;
        }
        byte[] bytes = address.get().getAddress();
        return ranges.stream().anyMatch(range -> range.contains(bytes));
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** The ranges in canonical form, e.g. for an admin page or a log line. */
    public List<String> ranges() {
        return ranges.stream().map(Range::text).toList();
    }
}
