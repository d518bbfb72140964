package playground;

import playground.cli.Cli;

/** The one entry point: no arguments starts the web server; train, step and bench run the command line. */
public final class App {
    private App() {}

    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("The web server arrives with the web issue; try: train, step, bench");
            System.exit(Cli.USAGE);
        }
        int code = new Cli(System.in, System.out, System.err, System.console() != null).run(args);
        System.out.flush();
        System.exit(code);
    }
}
