package fr.paris.casvp.keycloak.authenticators.network;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The network an address belongs to, as the bundle remembers it: the /24 of an IPv4
 * address or the /48 of an IPv6 address, never the full address. Parses IP literals
 * only: a host name is refused, so no DNS lookup ever happens during sign-in.
 */
public final class NetworkPrefix {

    public static final int IPV4_PREFIX_BITS = 24;
    public static final int IPV6_PREFIX_BITS = 48;

    private static final Pattern IPV4_LITERAL =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private NetworkPrefix() {
    }

    /**
     * Parses an IPv4 or IPv6 literal (as {@code ClientConnection.getRemoteAddr()} gives
     * it, possibly bracketed or with a zone id). Empty for anything else.
     */
    public static Optional<InetAddress> parseLiteral(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String candidate = text.trim();
        if (candidate.startsWith("[") && candidate.endsWith("]")) {
            candidate = candidate.substring(1, candidate.length() - 1);
        }
        int zone = candidate.indexOf('%');
        if (zone >= 0) {
            candidate = candidate.substring(0, zone);
        }
        boolean literal = IPV4_LITERAL.matcher(candidate).matches()
                || (candidate.indexOf(':') >= 0 && IPV6_LITERAL.matcher(candidate).matches());
        if (!literal) {
            return Optional.empty();
        }
        try {
            // Only literals reach this point, so this never resolves a name.
            return Optional.of(InetAddress.getByName(candidate));
        } catch (UnknownHostException malformed) {
            return Optional.empty();
        }
    }

    /**
     * The remembered network of an address, e.g. {@code 192.0.2.0/24} or
     * {@code 2001:db8:1::/48}; IPv4-mapped IPv6 addresses count as IPv4.
     */
    public static Optional<String> of(String address) {
        return parseLiteral(address).map(NetworkPrefix::of);
    }

    public static String of(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return (bytes[0] & 0xff) + "." + (bytes[1] & 0xff) + "." + (bytes[2] & 0xff) + ".0/" + IPV4_PREFIX_BITS;
        }
        if (address instanceof Inet6Address) {
            StringBuilder prefix = new StringBuilder();
            for (int group = 0; group < 3; group++) {
                int value = ((bytes[2 * group] & 0xff) << 8) | (bytes[2 * group + 1] & 0xff);
                prefix.append(Integer.toHexString(value)).append(':');
            }
            return prefix.append(":/").append(IPV6_PREFIX_BITS).toString();
        }
        throw new IllegalArgumentException("Unknown address family: " + address.getClass().getName());
    }
}
