package io.orderflow.localrun;

import io.orderflow.infrastructure.ServiceProcess;
import io.orderflow.testsupport.TestInfrastructure;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Integration tests for a supervised {@link LocalStack} ({@link Supervisor},
 * {@link SupervisedService}): two api replicas and two workers from their executable
 * jars, on free ports.
 */
class SupervisedStackIntegrationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final List<String> lines = new CopyOnWriteArrayList<>();

	private static LocalStack stack;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@BeforeAll
	static void startStack() {
		Path home = Path.of(System.getProperty("orderflow.home", "..")).toAbsolutePath().normalize();
		LocalStack.Settings settings = LocalStack.Settings.ownStack(home, 2, 2,
				TestInfrastructure.workDirectory().resolve("supervised-" + UUID.randomUUID()), Map.of());
		stack = LocalStack.start(settings, System.out, (line) -> {
			System.out.println(line);
			lines.add(line);
		});
	}

	@AfterAll
	static void stopStack() {
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	void aWorkerKilledWithSigkillIsRestartedUnderItsNameWhileTheOtherServicesStayUp() throws IOException {
		SupervisedService killed = stack.service("worker-1");
		long killedPid = killed.current().pid();
		List<ServiceProcess> others = stack.services()
			.stream()
			.filter((service) -> service != killed)
			.map(SupervisedService::current)
			.toList();

		killed.kill();

		await().atMost(TIMEOUT).until(() -> killed.current().pid() != killedPid && killed.isHealthy());
		assertThat(lines).contains("worker-1 exited with 137 (SIGKILL); restart 1 in 1 s (log "
				+ LocalStack.display(Path.of(System.getProperty("orderflow.home", "..")), killed.logFile()) + ")");
		assertThat(lines)
			.anySatisfy((line) -> assertThat(line).startsWith("worker-1 is healthy again (restart 1, down "));
		assertThat(stack.supervisor().restarts("worker-1")).isEqualTo(1);
		assertThat(others).allSatisfy((process) -> assertThat(process.isAlive()).as(process.name()).isTrue());
		assertThat(stack.services().stream().filter((service) -> service != killed).map(SupervisedService::current))
			.containsExactlyElementsOf(others);
		// The restarted process appends to the log, so the crashed one's lines are still
		// there.
		assertThat(Files.readString(killed.logFile())).contains("with PID " + killedPid)
			.contains("with PID " + killed.current().pid());
	}

	@Test
	void bothApiReplicasAcceptOrdersThatTheWorkersComplete() throws Exception {
		List<String> urls = stack.apiUrls();
		assertThat(urls).hasSize(2).doesNotHaveDuplicates();
		List<UUID> ids = new ArrayList<>();
		for (String url : urls) {
			ids.add(submit(url));
		}

		JdbcClient jdbc = JdbcClient.create(stack.database().dataSource());
		await().atMost(TIMEOUT)
			.until(() -> jdbc.sql("select count(*) from orders where id = any(:ids) and status = 'COMPLETED'")
				.param("ids", ids.toArray(UUID[]::new))
				.query(Long.class)
				.single() == ids.size());
	}

	@Test
	void everyServiceTagsItsMetricsWithItsOwnName() throws Exception {
		for (SupervisedService service : stack.services()) {
			HttpResponse<String> scrape = this.http.send(
					HttpRequest.newBuilder(URI.create(service.managementUrl() + "/actuator/prometheus")).build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(scrape.statusCode()).as(service.name()).isEqualTo(200);
			assertThat(scrape.body()).as(service.name()).contains("instance=\"" + service.name() + "\"");
		}
	}

	@Test
	void servicesAndInfrastructureListenOnLoopbackOnly() throws IOException {
		List<InetAddress> external = nonLoopbackAddresses();
		assumeThat(external).as("a non-loopback address of this machine").isNotEmpty();
		List<Integer> ports = new ArrayList<>();
		for (SupervisedService service : stack.services()) {
			ports.add(URI.create(service.url()).getPort());
			ports.add(URI.create(service.managementUrl()).getPort());
		}
		ports.add(URI.create(stack.database().jdbcUrl().substring("jdbc:".length())).getPort());
		ports.add(Integer.parseInt(stack.bootstrapServers().substring(stack.bootstrapServers().lastIndexOf(':') + 1)));

		for (int port : ports) {
			try (Socket socket = connect(InetAddress.getLoopbackAddress(), port)) {
				assertThat(socket.isConnected()).as("127.0.0.1:%d", port).isTrue();
			}
			for (InetAddress address : external) {
				assertThatExceptionOfType(ConnectException.class).as("%s:%d", address.getHostAddress(), port)
					.isThrownBy(() -> connect(address, port).close());
			}
		}
	}

	private UUID submit(String apiUrl) throws Exception {
		String body = """
				{"customerId": "supervised", "currency": "EUR", "items": [{"sku": "SKU-0042", "quantity": 1, "unitPrice": "2.50"}]}
				""";
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(apiUrl + "/orders"))
			.header("Content-Type", "application/json")
			.header("X-API-Key", stack.apiKey())
			.timeout(Duration.ofSeconds(10))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("%s: %s", apiUrl, response.body()).isEqualTo(202);
		String location = response.headers().firstValue("Location").orElseThrow();
		return UUID.fromString(location.substring(location.lastIndexOf('/') + 1));
	}

	private static Socket connect(InetAddress address, int port) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(address, port), 2000);
			return socket;
		}
		catch (SocketTimeoutException ex) {
			socket.close();
			throw new ConnectException("timed out: " + ex.getMessage());
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	private static List<InetAddress> nonLoopbackAddresses() throws IOException {
		List<InetAddress> addresses = new ArrayList<>();
		for (NetworkInterface network : NetworkInterface.networkInterfaces().toList()) {
			if (network.isUp() && !network.isLoopback()) {
				network.inetAddresses().filter((address) -> !address.isLinkLocalAddress()).forEach(addresses::add);
			}
		}
		return addresses;
	}

}
