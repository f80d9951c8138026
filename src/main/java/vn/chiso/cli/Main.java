package vn.chiso.cli;

/** The entry point of {@code ./chiso}: the command line decides what to start, the server included. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(new Cli(System.out, System.err).run(args));
    }
}
