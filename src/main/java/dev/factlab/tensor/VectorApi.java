package dev.factlab.tensor;

import java.util.function.Supplier;

/**
 * The Java Vector API (module {@code jdk.incubator.vector}, present only when the JVM is
 * started with {@code --add-modules jdk.incubator.vector}): whether it is there, and the
 * one way kernels that need it are chosen over their scalar twins.
 */
public final class VectorApi {

	static final String MODULE = "jdk.incubator.vector";

	private VectorApi() {
	}

	/** True when the JVM has the incubator module. */
	public static boolean present() {
		return Incubator.present(MODULE);
	}

	/**
	 * @param type what the kernel implements
	 * @param vectorClass the fully qualified name of the Vector API kernel, loaded by
	 * name so that the class, which links against the incubator module, is never touched
	 * without it; it needs a public or package-visible no-argument constructor
	 * @param scalar the kernel to use otherwise
	 * @return the Vector API kernel when the module is present and the class loads, else
	 * {@code scalar}'s
	 */
	public static <T> T choose(Class<T> type, String vectorClass, Supplier<? extends T> scalar) {
		return Incubator.choose(MODULE, type, vectorClass, scalar);
	}

}
