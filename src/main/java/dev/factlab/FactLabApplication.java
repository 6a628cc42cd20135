package dev.factlab;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Fact Lab: how transformer MLP blocks can store facts, as a REST service. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FactLabApplication {

	public static void main(String[] args) {
		SpringApplication.run(FactLabApplication.class, args);
	}

}
