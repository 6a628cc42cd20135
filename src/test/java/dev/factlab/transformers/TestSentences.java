package dev.factlab.transformers;

import java.util.List;

/**
 * Sentences the reference tests run: plain, accented, punctuated, unknown words, long.
 */
final class TestSentences {

	private TestSentences() {
	}

	static final String LONG = ("Michael Jordan played basketball for the Chicago Bulls, won six championships, "
			+ "and later owned the Charlotte Hornets; meanwhile Serena Williams dominated tennis, Michael Phelps "
			+ "collected twenty-three Olympic gold medals in swimming, and Lionel Messi scored goal after goal for "
			+ "Barcelona, Paris and Miami. ")
		.repeat(3);

	static final List<String> ALL = List.of("Michael Jordan plays the sport of", "basketball", "tennis",
			"The Eiffel Tower is in Paris.", "Crème brûlée, naïve café, façade and Ångström!",
			"¿Dónde está la biblioteca? — ¡Aquí!", "Hello, world!!! (really?) [yes] {no} <maybe>",
			"It's 3.14159... or 22/7; $100 & 50% off #deal @home", "Qwxzpt flibbertigibbet zzyzx quokkas",
			"🙂 emoji 🚀 and 漢字 characters", "The capital of Japan is Tokyo", "Two plus two equals four.",
			"unaffable antidisestablishmentarianism", "a", "   spaces   around   ", "Tab\tand\nnewline",
			"Serena Williams won 23 Grand Slam titles.", "Lionel Messi plays football in Miami.",
			"Ünïcödé ÀÉÎÕÜ ßtraße", "MiXeD CaSe WoRdS", "The quick brown fox jumps over the lazy dog.", LONG);

}
