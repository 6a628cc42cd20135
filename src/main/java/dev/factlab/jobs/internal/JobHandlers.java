package dev.factlab.jobs.internal;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.factlab.jobs.JobHandler;

import org.springframework.stereotype.Component;

/**
 * The {@link JobHandler} beans by kind; fails startup on a bad or duplicate kind name.
 */
@Component
public class JobHandlers {

	static final Pattern KIND = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

	private final Map<String, JobHandler<?, ?>> byKind = new TreeMap<>();

	JobHandlers(List<JobHandler<?, ?>> handlers) {
		for (JobHandler<?, ?> handler : handlers) {
			String kind = handler.kind();
			if (kind == null || !KIND.matcher(kind).matches()) {
				throw new IllegalStateException("job kind of " + handler.getClass().getSimpleName() + " must match "
						+ KIND + " but was '" + kind + "'");
			}
			JobHandler<?, ?> clash = byKind.put(kind, handler);
			if (clash != null) {
				throw new IllegalStateException("job kind '%s' is registered twice: %s and %s".formatted(kind,
						clash.getClass().getSimpleName(), handler.getClass().getSimpleName()));
			}
		}
	}

	public Optional<JobHandler<?, ?>> find(String kind) {
		return Optional.ofNullable(byKind.get(kind));
	}

	/** The handlers, sorted by kind. */
	public List<JobHandler<?, ?>> all() {
		return List.copyOf(byKind.values());
	}

	/** Registered kinds, sorted. */
	public List<String> kinds() {
		return Collections.unmodifiableList(List.copyOf(byKind.keySet()));
	}

}
