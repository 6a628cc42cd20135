package dev.factlab.tensor;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The memory numeric data may hold ({@code factlab.tensor.*}).
 *
 * @param memoryBudget bytes that models (weights, directions, labels, their off-heap
 * copies), forward-pass workspaces, off-heap copies and running jobs may hold together;
 * kept at least 1 GB under JavaCPP's off-heap ceiling (-Dorg.bytedeco.javacpp.maxbytes,
 * by default the maximum heap), and lowered to fit at start-up with a warning
 */
@ConfigurationProperties("factlab.tensor")
public record TensorLimits(@DefaultValue("6GB") DataSize memoryBudget) {

	public TensorLimits {
		if (memoryBudget.isNegative()) {
			throw new IllegalArgumentException("factlab.tensor.memory-budget must not be negative: " + memoryBudget);
		}
	}

}
