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
RUN mkdir -p /app/data && chown mtasts /app/data
USER mtasts
ENV MTASTS_DATA_DIR=/app/data
VOLUME /app/data
EXPOSE 8080
HEALTHCHECK --interval=30s --timeout=5s CMD ["java", "-cp", "/app/mtasts.jar", "dev.mtasts.launcher.HealthProbe", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["java", "-XX:+UseZGC", "-jar", "/app/mtasts.jar"]
CMD ["serve", "--config", "/app/config/mtasts.yml"]
