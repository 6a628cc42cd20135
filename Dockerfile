# syntax=docker/dockerfile:1
# Fact Lab: multi-stage build on glibc (Ubuntu) images. Not Alpine: ND4J's native libraries need glibc.

FROM eclipse-temurin:17-jdk-jammy AS build
WORKDIR /src
COPY .mvn/ .mvn/
COPY mvnw pom.xml ./
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q dependency:go-offline
COPY src/ src/
COPY api/ api/
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -DskipTests package \
 && cp target/fact-lab-*.jar /tmp/app.jar \
 && java -Djarmode=tools -jar /tmp/app.jar extract --layers --launcher --destination /tmp/extracted

FROM eclipse-temurin:17-jre-jammy
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system factlab \
 && useradd --system --gid factlab --home-dir /app --shell /usr/sbin/nologin factlab
WORKDIR /app
COPY --from=build /tmp/extracted/dependencies/ ./
COPY --from=build /tmp/extracted/spring-boot-loader/ ./
COPY --from=build /tmp/extracted/snapshot-dependencies/ ./
COPY --from=build /tmp/extracted/application/ ./
# ND4J unpacks ~390 MB of native libraries on first use: give it a writable cache owned by the service user.
RUN mkdir -p /app/.javacpp /app/data && chown -R factlab:factlab /app/.javacpp /app/data
USER factlab
# Memory, consistent with factlab.tensor.memory-budget (6GB, 5GB of it for models): the heap holds requests and small
# matrices; JavaCPP's off-heap ceiling (maxbytes) is set explicitly 1 GB above the budget instead of following the heap
# (MaxRAMPercentage capped it below the model budget), and maxphysicalbytes bounds the whole process. Needs >= 10 GB.
ENV JAVA_TOOL_OPTIONS="-Xmx2g -Dorg.bytedeco.javacpp.maxbytes=7g -Dorg.bytedeco.javacpp.maxphysicalbytes=10g -Dorg.bytedeco.javacpp.cachedir=/app/.javacpp" \
    FACTLAB_TENSOR_MEMORY_BUDGET=6GB \
    FACTLAB_MLP_MODEL_MEMORY_BUDGET=5GB
# ND4J's OpenBLAS 0.3.19 misdetects newer CPUs (Zen 4/5) and falls back to slow kernels; the AVX2 natives this image
# ships need AVX2 anyway, so pin OpenBLAS to its Haswell (AVX2) kernels.
ENV OPENBLAS_CORETYPE=Haswell
EXPOSE 8080
# Readiness includes ND4J's warm-up, so the container turns healthy only once requests are fast.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/actuator/health/readiness || exit 1
# The angle experiment's fused tile pass uses the (incubating) Vector API; without the module it falls back to scalar code.
# The foreign module with native access lets large random models ask for 2 MB pages (else malloc's 4 KB ones).
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector,jdk.incubator.foreign", "--enable-native-access=ALL-UNNAMED", \
  "org.springframework.boot.loader.launch.JarLauncher"]
