package playground.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Connection limits (so one address cannot hold all the server's connections), on the real server with small limits (a 2 s header deadline, 20 connections per
 * address): a header dripped byte by byte is cut off, an address past its cap is refused while another address is
 * served, and the counts fall when the connections close.
 */
class ConnectionsTest {
    static final long HEADER_MILLIS = 2000;
    static final int PER_ADDRESS = 20;
    static Server server;

    @BeforeAll
    static void start() {
        System.setProperty("bp.header.timeout.millis", String.valueOf(HEADER_MILLIS));
        System.setProperty("bp.max.connections.per.address", String.valueOf(PER_ADDRESS));
        try {
            server = Server.start(0);
        } finally {
            System.clearProperty("bp.header.timeout.millis");
            System.clearProperty("bp.max.connections.per.address");
        }
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theDefaultsLetASchoolBehindOneAddressIn() {
        Connections.Limits d = Connections.Limits.fromEnvironment();
        System.out.println("CONNECTIONS defaults " + d);
        assertEquals(20_000, d.headerTimeoutMillis());
        assertTrue(d.maxPerAddress() >= 3 * 300 * 2, "300 visitors with a page and a stream each, and room to spare");
        assertTrue(d.maxConnections() >= d.maxPerAddress());
    }

    @Test
    void aHeaderDrippedByteByByteIsCutOffAtTheDeadline() throws Exception {
        innocentMillis(InetAddress.getLoopbackAddress()); // warm up
        double baseline = innocentMillis(InetAddress.getLoopbackAddress());
        long t0 = System.nanoTime();
        try (Socket slow = connect(InetAddress.getLoopbackAddress());
                Socket silent = connect(InetAddress.getLoopbackAddress())) {
            OutputStream out = slow.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: localhost\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean cut = false;
            double during = 0;
            for (int i = 0; i < 40 && !cut; i++) {
                try {
                    out.write('X');
                    out.flush();
                } catch (IOException e) {
                    cut = true;
                }
                if (!cut) cut = closed(slow, 250);
                if (i == 2) during = innocentMillis(InetAddress.getLoopbackAddress());
            }
            double cutAfter = (System.nanoTime() - t0) / 1e6;
            boolean silentCut = closed(silent, 2000);
            System.out.println("CONNECTIONS slow header (deadline " + HEADER_MILLIS + " ms) cut after "
                    + LoadTest.fmt(cutAfter) + " ms; a silent connection cut: " + silentCut + "; innocent GET / "
                    + LoadTest.fmt(baseline) + " ms before, " + LoadTest.fmt(during) + " ms during");
            assertTrue(cut, "the dripping connection was closed");
            assertTrue(silentCut, "a connection that sends nothing was closed");
            assertTrue(cutAfter < HEADER_MILLIS + 3000, "cut after " + cutAfter + " ms");
            assertTrue(during < 10 * baseline + 200, "the innocent: " + during + " ms against " + baseline);
        }
    }

    /** A stream (one long request on its connection) outlives the header deadline: only headers are timed. */
    @Test
    void aStreamLongerThanTheHeaderDeadlineIsNotCut() throws Exception {
        Http v = new Http(server.port());
        HttpResponse<String> created = v.post("/api/runs", "{\"epochs\":10000,\"speed\":\"10\"}");
        String id = Http.json(created).get("id").asText();
        v.post("/api/runs/" + id + "/start", "");
        try (LoadTest.Sse s = LoadTest.Sse.open(v, "/runs/" + id + "/stream", "status")) {
            Thread.sleep(3 * HEADER_MILLIS);
            int frames = s.frames.get();
            Thread.sleep(1000);
            System.out.println("CONNECTIONS a stream after " + 3 * HEADER_MILLIS + " ms: " + frames + " frames, then "
                    + (s.frames.get() - frames) + " in 1 s; ended " + s.ended);
            assertTrue(!s.ended && s.frames.get() > frames, "the stream still flows");
        }
    }

    @Test
    void anAddressPastItsCapIsRefusedWhileOthersAreServed() throws Exception {
        InetAddress attacker = InetAddress.getByName("127.0.0.1");
        InetAddress other = InetAddress.getByName("127.0.0.2");
        innocentMillis(other); // warm up
        double baseline = innocentMillis(other);
        List<Socket> held = new ArrayList<>();
        try {
            for (int i = 0; i < PER_ADDRESS + 10; i++) held.add(connect(attacker));
            Thread.sleep(300); // well within the header deadline, which would close them all
            int refused = 0;
            for (Socket s : held) if (closed(s, 5)) refused++;
            double during = innocentMillis(other);
            System.out.println("CONNECTIONS " + held.size() + " connections from one address (cap " + PER_ADDRESS
                    + "): " + refused + " refused; another address's GET / " + LoadTest.fmt(baseline)
                    + " ms before, " + LoadTest.fmt(during) + " ms during");
            assertEquals(10, refused, "the connections past the cap are closed");
            assertTrue(during < 10 * baseline + 200, "the other address: " + during + " ms against " + baseline);
        } finally {
            for (Socket s : held) s.close();
        }
        // the counts fall: the address is served again
        LoadTest.await(
                () -> {
                    try {
                        return innocentMillis(attacker) >= 0;
                    } catch (Exception e) {
                        return false;
                    }
                },
                10,
                "the capped address is served again once its connections close");
    }

    static Socket connect(InetAddress from) throws IOException {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(from, 0));
        s.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), server.port()), 5000);
        return s;
    }

    /** Whether the server closed the socket within the time (EOF or reset). */
    static boolean closed(Socket s, int millis) throws IOException {
        s.setSoTimeout(millis);
        try {
            InputStream in = s.getInputStream();
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** The median of 5 whole GET /health from this address, each on a fresh connection, in ms. */
    static double innocentMillis(InetAddress from) throws IOException {
        double[] ms = new double[5];
        for (int i = 0; i < ms.length; i++) ms[i] = oneGet(from);
        java.util.Arrays.sort(ms);
        return ms[ms.length / 2];
    }

    /** A whole GET /health from this address on a fresh connection, in ms; throws if it is not answered 200. */
    static double oneGet(InetAddress from) throws IOException {
        long t0 = System.nanoTime();
        try (Socket s = connect(from)) {
            s.setSoTimeout(10_000);
            s.getOutputStream()
                    .write("GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
            String head = new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            if (!head.startsWith("HTTP/1.1 200")) throw new IOException("answered " + head);
        }
        return (System.nanoTime() - t0) / 1e6;
    }
}
