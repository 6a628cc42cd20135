package dev.factlab.jobs.internal;

import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerProperties;
import dev.factlab.jobs.JobLimits;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * db-scheduler runs as many executions at once as factlab.jobs.max-running allows: its
 * thread count is taken from {@link JobLimits}, so the limit is set in one place.
 */
@Component
class SchedulerThreads implements BeanPostProcessor, EnvironmentAware {

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof DbSchedulerProperties scheduler) {
			scheduler.setThreads(Binder.get(environment).bindOrCreate("factlab.jobs", JobLimits.class).maxRunning());
		}
		return bean;
	}

}
