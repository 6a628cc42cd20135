package dev.factlab.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/**
 * README.md's table of factlab.* settings is generated from the configuration records
 * (their keys, {@code @DefaultValue}s and {@code @param} texts, via the configuration
 * processor's metadata): this test fails when the README and the records disagree.
 * Regenerate it with {@code ./mvnw test -Dtest=ConfigurationDocsTests
 * -Dfactlab.docs.write=true} and commit it.
 */
class ConfigurationDocsTests {

	static final Path README = Path.of("README.md");

	static final String BEGIN = "<!-- factlab.* settings: generated from the @ConfigurationProperties records by "
			+ "ConfigurationDocsTests; do not edit by hand -->";

	static final String END = "<!-- end of generated settings -->";

	@Test
	void theReadmeListsEverySettingAsItsRecordDefinesIt() throws IOException {
		String readme = Files.readString(README, StandardCharsets.UTF_8).replace("\r\n", "\n");
		int begin = readme.indexOf(BEGIN);
		int end = readme.indexOf(END);
		assertThat(begin).as("README.md has the markers of the generated table").isNotNegative();
		assertThat(end).isGreaterThan(begin);
		String table = table();
		String updated = readme.substring(0, begin + BEGIN.length()) + "\n" + table + readme.substring(end);
		if (Boolean.getBoolean("factlab.docs.write")) {
			Files.writeString(README, updated, StandardCharsets.UTF_8);
			readme = updated;
		}
		assertThat(readme).as("README.md's settings table differs from the records. Regenerate it with "
				+ "`./mvnw test -Dtest=ConfigurationDocsTests -Dfactlab.docs.write=true`, review the diff, commit it.")
			.isEqualTo(updated);
	}

	@Test
	void everyRecordIsInTheMetadata() {
		assertThat(FactLabProperties.all()).extracting(FactLabProperties.Property::name)
			.contains("factlab.web.max-request-bytes", "factlab.mlp.max-tokens-per-request",
					"factlab.angles.max-vectors", "factlab.angles.tile-size", "factlab.jobs.max-queued")
			.allSatisfy(name -> assertThat(name).startsWith("factlab."));
		assertThat(FactLabProperties.all()).allSatisfy(property -> {
			assertThat(property.defaultValue()).as("default of %s", property.name()).isNotBlank();
			assertThat(property.description()).as("description of %s", property.name()).isNotBlank();
		});
	}

	static String table() {
		StringBuilder table = new StringBuilder("| key | default | what it sets |\n|---|---|---|\n");
		for (FactLabProperties.Property property : FactLabProperties.all()) {
			table.append("| `")
				.append(property.name())
				.append("` | ")
				.append(property.defaultValue())
				.append(" | ")
				.append(property.description().replace("|", "\\|"))
				.append(" |\n");
		}
		return table.toString();
	}

}
