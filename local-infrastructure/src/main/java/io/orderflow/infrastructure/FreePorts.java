package io.orderflow.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds free TCP ports on the loopback interface, so tests never collide with a running
 * stack.
 */
public final class FreePorts {

	/**
	 * Bases of port blocks stay below Linux's ephemeral range (32768+), where client
	 * connections take ports.
	 */
	private static final int BASE_FROM = 20_000;

	private static final int BASE_TO = 30_000;

	private FreePorts() {
	}

	public static int find() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No free port on the loopback interface", ex);
		}
	}

	@SuppressWarnings("try") // binding the socket is the test
	public static boolean isFree(int port) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Whether {@code port} can be bound on {@code address} (an IP literal, host name or
	 * wildcard).
	 */
	@SuppressWarnings("try") // binding the socket is the test
	static boolean isFree(int port, String address) {
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getByName(address))) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * A base port {@code b} such that {@code b + offset} is free on loopback for every
	 * offset: for a stack whose ports follow a scheme around one base port.
	 */
	public static int findBase(List<Integer> offsets) {
		for (int attempt = 0; attempt < 200; attempt++) {
			int base = ThreadLocalRandom.current().nextInt(BASE_FROM, BASE_TO);
			if (offsets.stream().allMatch((offset) -> isFree(base + offset))) {
				return base;
			}
		}
		throw new IllegalStateException("No block of free ports with offsets " + offsets + " found");
	}

}
