package vn.chiso;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

import vn.chiso.cli.Cli;

@SpringBootApplication
@ConfigurationPropertiesScan
public class ChisoApplication {

    public static void main(String[] args) {
        System.exit(new Cli(System.out, System.err).run(args));
    }
}
