package dev.factlab.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The service's own settings ({@code factlab.*}) as its {@code @ConfigurationProperties}
 * records declare them: key, default ({@code @DefaultValue}) and what it sets (the
 * record's {@code @param}), read from the metadata that Spring Boot's configuration
 * processor writes from the records at compile time. The OpenAPI document's list of
 * limits and the README's configuration table are made from it, so each limit is written
 * once, in its record.
 */
public final class FactLabProperties {

	static final String METADATA = "META-INF/spring-configuration-metadata.json";

	static final String PREFIX = "factlab.";

	/** The default of a list that is empty unless set. */
	static final String NONE = "(none)";

	/**
	 * @param defaultValue as written in {@code @DefaultValue}, e.g. {@code 64MB}
	 * @param description the record's {@code @param} text
	 */
	public record Property(String name, String defaultValue, String description) {
	}

	private FactLabProperties() {
	}

	/** Every {@code factlab.*} property on the class path, sorted by key. */
	public static List<Property> all() {
		JsonMapper json = JsonMapper.builder().build();
		Map<String, Property> byName = new TreeMap<>();
		try {
			for (URL url : Collections.list(FactLabProperties.class.getClassLoader().getResources(METADATA))) {
				try (InputStream in = url.openStream()) {
					for (JsonNode property : json.readTree(in).path("properties")) {
						String name = property.path("name").asString();
						if (name.startsWith(PREFIX)) {
							byName.put(name, new Property(name, defaultValue(property.path("defaultValue")),
									property.path("description").asString("")));
						}
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException("can't read " + METADATA, ex);
		}
		return List.copyOf(byName.values());
	}

	/**
	 * A list's default as its comma-separated items; an empty one (which the metadata
	 * leaves out) as {@value #NONE}.
	 */
	private static String defaultValue(JsonNode value) {
		if (value.isMissingNode()) {
			return NONE;
		}
		if (value.isArray()) {
			List<String> items = new ArrayList<>();
			value.forEach(item -> items.add(item.asString()));
			return items.isEmpty() ? NONE : String.join(",", items);
		}
		return value.asString("");
	}

}
