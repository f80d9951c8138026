package vn.chiso;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The application's configuration, started by the command line ({@code vn.chiso.cli.Main}) for a command or the server. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ChisoApplication {
}
