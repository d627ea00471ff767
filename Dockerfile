# Classcord container image: the jlink runtime image on a slim Debian, run as a non-root user.
#   docker build -t classcord .          (or podman build)
# Base images are build arguments, so that a mirror or a locally made image can stand in for them
# (ops/container-test.sh builds with images it makes itself, no registry needed).
# The build image needs a JDK 25 (./mvnw brings its own Maven); the runtime image needs nothing but a libc (glibc).
ARG BUILD_IMAGE=docker.io/library/maven:3.9-eclipse-temurin-25
ARG RUNTIME_IMAGE=docker.io/library/debian:bookworm-slim

FROM ${BUILD_IMAGE} AS build
# Extra Maven flags, e.g. --offline when the build gets a local repository (ops/container-test.sh).
ARG MVN_FLAGS=""
WORKDIR /src
COPY . .
# The dist archive is what servers install too; unpacked to a fixed path for the next stage.
RUN ./mvnw -B ${MVN_FLAGS} -DskipTests package \
    && mkdir /out \
    && tar -C /out -xzf modules/dist/target/classcord-*-linux-x64.tar.gz \
    && mv /out/classcord-* /out/classcord

FROM ${RUNTIME_IMAGE}
RUN useradd --system --user-group --uid 10001 --home-dir /var/lib/classcord --shell /usr/sbin/nologin classcord \
    && install -d -o classcord -g classcord -m 750 /var/lib/classcord /var/log/classcord
COPY --from=build /out/classcord /opt/classcord
# Data (the SQLite database) and logs live in volumes; the rest of the file system can be read-only
# (the SQLite library is loaded from the image, nothing is extracted to /tmp).
# The admin API listens on every interface of the container so that a published port reaches it;
# docker-compose.yml publishes it on the host's loopback only. Its token is created in the data volume.
ENV CLASSCORD_STORAGE_PATH=/var/lib/classcord/classcord.db \
    CLASSCORD_LOGGING_DIR=/var/log/classcord \
    CLASSCORD_ADMIN_HOST=0.0.0.0 \
    CLASSCORD_ADMIN_TOKEN_dash_FILE=/var/lib/classcord/admin.token \
    CLASSCORD_ADMIN_EXPORT_dash_DIR=/var/lib/classcord/exports
VOLUME ["/var/lib/classcord", "/var/log/classcord"]
WORKDIR /var/lib/classcord
USER classcord
# 12345: the chat protocol; 8080: the admin HTTP API and /health.
EXPOSE 12345 8080
# /health answers 200 when the chat engine runs and the database answers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /health HTTP/1.1\\r\\nHost: localhost\\r\\nConnection: close\\r\\n\\r\\n' >&3 && read -r s c r <&3 && [ \"$c\" = 200 ]"]
# The launcher execs the JVM: it is PID 1 and gets SIGTERM directly (graceful stop, exit code 0).
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/classcord/bin/classcord"]
CMD ["run"]
