package dev.factlab.web;

import org.apache.catalina.Container;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;

import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Makes Tomcat answer with problems too: the errors it meets before Spring sees the
 * request (a malformed request line, headers over server.max-http-request-header-size, a
 * method that is not a token) go through the host's error report valve, which is replaced
 * here by {@link ContainerErrorValve}. The replacement happens when the host starts,
 * after every other customizer (Spring Boot adds a plain ErrorReportValve of its own).
 */
@Component
class ContainerErrors implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

	private final ProblemWriter problems;

	ContainerErrors(ProblemWriter problems) {
		this.problems = problems;
	}

	@Override
	public void customize(ConfigurableTomcatWebServerFactory factory) {
		factory.addContextCustomizers(context -> {
			Container host = context.getParent();
			host.addLifecycleListener(event -> {
				if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
					replaceErrorValve(host);
				}
			});
		});
	}

	private void replaceErrorValve(Container host) {
		for (Valve valve : host.getPipeline().getValves()) {
			if (valve instanceof ErrorReportValve) {
				host.getPipeline().removeValve(valve);
			}
		}
		if (host instanceof StandardHost standard) {
			// so the host does not add Tomcat's HTML valve back when it starts
			standard.setErrorReportValveClass(ContainerErrorValve.class.getName());
		}
		host.getPipeline().addValve(new ContainerErrorValve(problems));
	}

	@Override
	public int getOrder() {
		return Ordered.LOWEST_PRECEDENCE;
	}

}
