package dev.factlab.tensor;

import java.util.function.Supplier;

/**
 * Java 17's incubator modules ({@code jdk.incubator.vector},
 * {@code jdk.incubator.foreign}), present only when the JVM is started with
 * {@code --add-modules}: whether one is there, and the one way an implementation that
 * links against it is chosen over its fallback.
 */
final class Incubator {

	private Incubator() {
	}

	/** True when the JVM has the module {@code name}. */
	static boolean present(String name) {
		return ModuleLayer.boot().findModule(name).isPresent();
	}

	/**
	 * @param module the incubator module the implementation needs
	 * @param type what the implementation implements
	 * @param implementation the fully qualified name of the class, loaded by name so that
	 * it is never touched without the module; it needs a public or package-visible
	 * no-argument constructor, which may throw to refuse (e.g. when native access is not
	 * enabled)
	 * @param fallback the implementation to use otherwise
	 * @return {@code implementation} when the module is present and the class loads and
	 * constructs, else {@code fallback}'s
	 */
	static <T> T choose(String module, Class<T> type, String implementation, Supplier<? extends T> fallback) {
		if (present(module)) {
			try {
				var constructor = Class.forName(implementation).asSubclass(type).getDeclaredConstructor();
				constructor.setAccessible(true);
				return constructor.newInstance();
			}
			catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
				return fallback.get();
			}
		}
		return fallback.get();
	}

}
