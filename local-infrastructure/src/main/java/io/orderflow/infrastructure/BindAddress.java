package io.orderflow.infrastructure;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;

/**
 * The address local services listen on ({@code up --bind}), and the host a client on this
 * machine uses to reach them.
 */
public final class BindAddress {

	public static final String LOOPBACK = "127.0.0.1";

	private BindAddress() {
	}

	/**
	 * Where to connect to a service bound to {@code bindAddress}: loopback for a wildcard
	 * address.
	 */
	public static String connectHost(String bindAddress) {
		if (bindAddress.equals("0.0.0.0")) {
			return LOOPBACK;
		}
		if (bindAddress.equals("::") || bindAddress.equals("[::]")) {
			return "[::1]";
		}
		return (bindAddress.contains(":") && !bindAddress.startsWith("[")) ? "[" + bindAddress + "]" : bindAddress;
	}

	/**
	 * Checks that {@code address} is a wildcard or one of this machine's addresses;
	 * returns it unchanged.
	 */
	public static String requireLocal(String address) {
		try {
			InetAddress resolved = InetAddress.getByName(address);
			if (resolved.isAnyLocalAddress() || resolved.isLoopbackAddress()
					|| NetworkInterface.getByInetAddress(resolved) != null) {
				return address;
			}
			throw new IllegalArgumentException("'" + address + "' is not an address of this machine");
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + address + "' is not a known address", ex);
		}
		catch (SocketException ex) {
			throw new IllegalArgumentException("'" + address + "': cannot list this machine's addresses", ex);
		}
	}

}
