# syntax=docker/dockerfile:1
# The api or worker image without Jib, for those who build with Docker (see README, "Container images"):
#
#   docker build --build-arg MODULE=api-service -t orderflow/orderflow-api:0.1.0-SNAPSHOT .
#   docker build --build-arg MODULE=worker-service -t orderflow/orderflow-worker:0.1.0-SNAPSHOT .
#
# Ports: the api 8080 (API) and 9080 (actuator), the worker 8081. The api's argument "migrate" applies
# the schema and exits.

# Build with JDK 17, the project's own: a newer javac brings new -Xlint warnings, which fail the build.
FROM eclipse-temurin:17-jdk AS build
ARG MODULE=api-service
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -ntp -DskipTests -pl "${MODULE}" -am package \
    && cp "${MODULE}"/target/"${MODULE}"-*-exec.jar /app.jar

# Spring Boot's layered extraction: dependencies, loader, snapshot dependencies, application.
FROM eclipse-temurin:25-jre AS extract
WORKDIR /extract
COPY --from=build /app.jar app.jar
RUN java -Djarmode=tools -jar app.jar extract --layers --destination layers

FROM eclipse-temurin:25-jre
WORKDIR /app
COPY --from=extract /extract/layers/dependencies/ ./
COPY --from=extract /extract/layers/spring-boot-loader/ ./
COPY --from=extract /extract/layers/snapshot-dependencies/ ./
COPY --from=extract /extract/layers/application/ ./
# Not root: the same uid and gid as the Jib images.
USER 65532:65532
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError", "-jar", "app.jar"]
