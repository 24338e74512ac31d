# syntax=docker/dockerfile:1
# Build stage: the same build script as ./mtasts uses (bin/build), on a JDK 21 image.
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN bin/build

# Run stage: a JRE only, a non-root user, config/ shipped beside the jar.
FROM eclipse-temurin:21-jre
RUN useradd --system --uid 10001 --home-dir /app --shell /usr/sbin/nologin mtasts
WORKDIR /app
COPY --from=build /src/adapters/launcher/target/mtasts.jar /app/mtasts.jar
COPY --from=build /src/adapters/launcher/target/lib/ /app/lib/
COPY config/ /app/config/
# Application class-data sharing: a training run (a check that fails fast, offline) writes the archive the
# entrypoint maps, so the JVM starts with the launcher, engine, store and checks classes already parsed.
RUN (java -XX:+UseZGC -XX:ArchiveClassesAtExit=/app/mtasts.jsa -jar /app/mtasts.jar check --timeout 1 \
        --resolver 127.0.0.1:9 --data-dir /tmp/cds-training example.com >/dev/null 2>&1 || true) \
    && test -s /app/mtasts.jsa && rm -rf /tmp/cds-training
# The data directory and everything the bot creates in it are private to the bot's user (0700 / 0600).
RUN mkdir -p /app/data && chown mtasts /app/data && chmod 0700 /app/data
USER mtasts
ENV MTASTS_DATA_DIR=/app/data
VOLUME /app/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD ["java", "-cp", "/app/mtasts.jar", "dev.mtasts.launcher.HealthProbe", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["/bin/sh", "-c", "umask 077 && exec java -XX:+UseZGC -XX:SharedArchiveFile=/app/mtasts.jsa -Xlog:cds=off -jar /app/mtasts.jar \"$@\"", "mtasts"]
CMD ["serve", "--config", "/app/config/mtasts.yml"]
