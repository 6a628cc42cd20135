package dev.factlab.jobs;

import java.util.List;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * One page of jobs, newest first.
 *
 * @param page zero-based page number
 * @param size page size asked for
 * @param total jobs matching the filter
 */
@Schema(description = "One page of jobs, newest first")
public record JobPage(List<JobView> items, @Schema(example = "0") int page, @Schema(example = "20") int size,
		@Schema(example = "3") long total) {

	public JobPage {
		items = List.copyOf(items);
	}

}
