package dev.factlab.angles.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SingleThreadedBlasTest {

	@Test
	void nestedScopesRestoreTheOuterSettingOnlyWhenTheLastCloses() {
		int before = SingleThreadedBlas.currentThreads();
		SingleThreadedBlas outer = SingleThreadedBlas.enter();
		assertThat(SingleThreadedBlas.currentThreads()).isEqualTo(1);
		try (SingleThreadedBlas inner = SingleThreadedBlas.enter()) {
			assertThat(SingleThreadedBlas.currentThreads()).isEqualTo(1);
		}
		assertThat(SingleThreadedBlas.currentThreads()).isEqualTo(1);
		outer.close();
		outer.close();
		assertThat(SingleThreadedBlas.currentThreads()).isEqualTo(before);
	}

}
