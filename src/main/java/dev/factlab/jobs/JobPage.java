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
public record JobPage(@Schema(description = "The jobs on this page, newest first") List<JobView> items,
		@Schema(description = "This page number, from 0", example = "0") int page,
		@Schema(description = "Jobs per page", example = "20") int size,
		@Schema(description = "Jobs matching the filter", example = "3") long total) {

	public JobPage {
		items = List.copyOf(items);
	}

}
