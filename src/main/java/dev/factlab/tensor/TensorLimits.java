package dev.factlab.tensor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The memory numeric data may hold, and how large random models take theirs
 * ({@code factlab.tensor.*}).
 *
 * @param memoryBudget bytes that models (weights, directions, labels, their off-heap
 * copies), forward-pass workspaces, off-heap copies and running jobs may hold together;
 * kept at least 1 GB under JavaCPP's off-heap ceiling (-Dorg.bytedeco.javacpp.maxbytes,
 * by default the maximum heap), and lowered to fit at start-up with a warning
 * @param modelMemoryPool bytes of memory faulted in at start-up, in the background, and
 * held for the life of the process as the first place large random models take memory
 * from (2 MB pages; needs huge-pages and jdk.incubator.foreign): their first writes then
 * cost no page faults, which is most of the time to create GPT-3's block on VMs whose
 * fresh memory is dear (4608MB holds that block). The pool's free part is held on top of
 * what the budget counts, so raise -Dorg.bytedeco.javacpp.maxphysicalbytes (and a
 * container's memory) by as much; at most the memory budget. 0 (the default) turns it off
 * @param hugePages whether large random models map their memory in 2 MB pages (needs
 * jdk.incubator.foreign with native access; without it they take malloc's pages anyway):
 * GPT-3's block then took half the time to create, and one-token passes read it faster,
 * on the Zen 5 VM measured, but glibc's huge pages made creation slower on a Zen 4 VM;
 * false takes malloc's 4 KB pages
 */
@ConfigurationProperties("factlab.tensor")
public record TensorLimits(@DefaultValue("6GB") DataSize memoryBudget, @DefaultValue("0B") DataSize modelMemoryPool,
		@DefaultValue("true") boolean hugePages) {

	public TensorLimits {
		if (memoryBudget.isNegative()) {
			throw new IllegalArgumentException("factlab.tensor.memory-budget must not be negative: " + memoryBudget);
		}
		if (modelMemoryPool.isNegative() || modelMemoryPool.toBytes() > memoryBudget.toBytes()) {
			throw new IllegalArgumentException(
					"factlab.tensor.model-memory-pool must be between 0 and factlab.tensor.memory-budget (%s): %s"
						.formatted(memoryBudget, modelMemoryPool));
		}
		if (!hugePages && modelMemoryPool.toBytes() > 0) {
			throw new IllegalArgumentException(
					"factlab.tensor.model-memory-pool needs factlab.tensor.huge-pages=true: malloc's pages have no pool");
		}
	}

}
