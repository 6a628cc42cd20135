package dev.factlab.tensor;

import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Loads ND4J and runs a few GEMMs at start-up, so no request pays the first-use seconds
 * (native libraries unpacked, OpenBLAS threads started, JIT warm). Spring Boot reports
 * readiness only after every {@link ApplicationRunner} has returned, and this indicator
 * (in the readiness group) stays OUT_OF_SERVICE until the warm-up is done. Then it logs
 * one line with the {@link Kernels} in use, a WARN for each thing that slows them, and
 * reports the same in its health details and under {@code kernels} in
 * {@code /actuator/info}.
 */
@Component("nd4j")
class Nd4jWarmup implements ApplicationRunner, HealthIndicator, InfoContributor {

	private static final Logger log = LoggerFactory.getLogger(Nd4jWarmup.class);

	private volatile Map<String, Object> details;

	@Override
	public void run(ApplicationArguments args) {
		long start = System.nanoTime();
		Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
		INDArray a = Nd4j.rand(DataType.FLOAT, 256, 256);
		INDArray c = Nd4j.createUninitialized(DataType.FLOAT, 256, 256);
		for (int i = 0; i < 5; i++) {
			BlasThreads.run(BlasThreads.Mode.SHARED, () -> Nd4j.gemm(a, a, c, false, true, 1.0, 0.0));
		}
		FloatMatrix x = FloatMatrix.of(2, 3, new float[] { 1, 2, 3, 4, 5, 6 });
		for (int i = 0; i < 2_000; i++) {
			TensorOps.activate(TensorOps.affine(x, x, null), Activation.GELU);
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		Map<String, Object> info = new LinkedHashMap<>();
		info.put("backend", Nd4j.getBackend().getClass().getSimpleName());
		info.put("blasVendor", String.valueOf(Nd4j.factory().blas().getBlasVendor()));
		info.put("threads", Nd4j.getEnvironment().maxThreads());
		info.put("warmupMillis", millis);
		Kernels kernels = Kernels.detect(Nd4j.factory().blas().getMaxThreads());
		info.putAll(kernels.details());
		details = info;
		log.info("Kernels: {} (ND4J {} warmed up in {} ms)", kernels.summary(), info.get("backend"), millis);
		for (String warning : kernels.warnings()) {
			log.warn("Slower kernels: {}", warning);
		}
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> info = details;
		builder.withDetail("kernels", info != null ? info : Map.of("state", "warming up"));
	}

	boolean warm() {
		return details != null;
	}

	@Override
	public Health health() {
		Map<String, Object> info = details;
		if (info == null) {
			return Health.outOfService().withDetail("state", "warming up").build();
		}
		return Health.up().withDetails(info).build();
	}

}
