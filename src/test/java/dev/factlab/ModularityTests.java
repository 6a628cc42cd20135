package dev.factlab;

import org.junit.jupiter.api.Test;

import org.springframework.modulith.core.ApplicationModules;

/** One module per feature; no cycles, no reaching into another module's internals. */
class ModularityTests {

	static final ApplicationModules modules = ApplicationModules.of(FactLabApplication.class);

	@Test
	void modulesAreWellFormed() {
		modules.verify();
	}

}
