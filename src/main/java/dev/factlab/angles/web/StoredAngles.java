package dev.factlab.angles.web;

import java.util.UUID;

import dev.factlab.angles.AngleDistributionJob;
import dev.factlab.angles.AngleJobResult;
import dev.factlab.errors.ConflictException;
import dev.factlab.errors.NotFoundException;
import dev.factlab.jobs.JobView;
import dev.factlab.jobs.Jobs;

import org.springframework.stereotype.Component;

/** Reads a finished angle-distribution job's result back as the record the job stored. */
@Component
class StoredAngles {

	private final Jobs jobs;

	StoredAngles(Jobs jobs) {
		this.jobs = jobs;
	}

	/**
	 * @throws NotFoundException for an unknown job or one of another kind
	 * @throws ConflictException unless it SUCCEEDED
	 */
	AngleJobResult result(UUID id) {
		JobView job = jobs.find(id);
		if (!AngleDistributionJob.KIND.equals(job.kind())) {
			throw new NotFoundException("Not an angle job",
					"job %s is a '%s' job, not '%s'".formatted(id, job.kind(), AngleDistributionJob.KIND));
		}
		return jobs.result(id, AngleJobResult.class);
	}

}
