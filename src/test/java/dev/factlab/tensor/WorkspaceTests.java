package dev.factlab.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.factlab.errors.LimitExceededException;
import org.junit.jupiter.api.Test;

/**
 * A workspace's buffers are charged to the budget, freed on a width change and on close.
 */
class WorkspaceTests {

	static final int ROWS = 1024;

	@Test
	void buffersAreChargedReplacedOnAWidthChangeAndFreedOnClose() {
		MemoryBudget budget = new MemoryBudget(64L << 20, "test.budget");
		try (Workspace workspace = new Workspace(budget)) {
			assertThat(workspace.matrix("small", 2, 3)).as("heap-sized: no buffer").isNull();
			assertThat(budget.usedBytes()).isZero();
			FloatMatrix wide = workspace.matrix("pre", ROWS, 2048);
			assertThat(wide.rows()).isEqualTo(ROWS);
			assertThat(budget.usage().bytes(MemoryBudget.WORKSPACES)).isEqualTo((long) ROWS * 2048 * 4);
			workspace.matrix("pre", ROWS / 2, 2048);
			assertThat(budget.usedBytes()).as("fewer rows reuse the buffer").isEqualTo((long) ROWS * 2048 * 4);
			workspace.matrix("pre", ROWS, 4096);
			assertThat(budget.usedBytes()).as("a new width replaces, not adds").isEqualTo((long) ROWS * 4096 * 4);
			assertThat(workspace.bytes()).isEqualTo(budget.usedBytes());
			assertThatThrownBy(() -> workspace.matrix("post", ROWS, 16384)).isInstanceOf(LimitExceededException.class)
				.hasMessageContaining("workspaces");
		}
		assertThat(budget.usedBytes()).isZero();
	}

}
