package playground.http;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real server on a free port for a test class: {@code @RegisterExtension static final LiveServer server = new
 * LiveServer();} starts it before the class's tests and stops it after them.
 */
final class LiveServer implements BeforeAllCallback, AfterAllCallback {
    private Server server;

    @Override
    public void beforeAll(ExtensionContext context) {
        server = Server.start(0);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (server != null) server.close();
    }

    int port() {
        return server.port();
    }
}
