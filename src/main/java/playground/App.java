package playground;

import playground.cli.Cli;
import playground.http.Server;

/** The one entry point: no arguments starts the web server on $PORT; train, step and bench run the command line. */
public final class App {
    private App() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            serve();
            return;
        }
        int code = new Cli(System.in, System.out, System.err, System.console() != null).run(args);
        System.out.flush();
        System.exit(code);
    }

    private static void serve() {
        String env = System.getenv("PORT");
        int port = 7070;
        if (env != null && !env.isBlank()) {
            try {
                port = Integer.parseInt(env.trim());
            } catch (NumberFormatException e) {
                System.err.println("error: PORT must be a number, got \"" + env + "\"");
                System.exit(Cli.USAGE);
            }
        }
        Server server = Server.start(port);
        // SIGTERM (the platform gives 30 s): stop accepting, end trainers, close streams
        Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shutdown"));
    }
}
