# ProxyFS for Java, multi-stage as the original's Dockerfile:
#   dev     JDK, Maven, FUSE and tools; the repository is bind-mounted at /src (docker-compose "dev")
#   build   a clean build of every module from a copy of the repository
#   deploy  a JRE image holding the launchers and runnable jars, FUSE userspace, nothing else
#
#   docker build --target dev    -t proxyfs-java:dev .
#   docker build --target deploy -t proxyfs-java:deploy .
#
# FUSE inside a container needs: --cap-add SYS_ADMIN --device /dev/fuse (or --privileged).

FROM debian:12 AS base
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends ca-certificates curl tzdata fuse libfuse2 \
 && rm -rf /var/lib/apt/lists/*

FROM base AS dev
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven git jq make gcc \
        attr sqlite3 procps \
 && rm -rf /var/lib/apt/lists/*
VOLUME /src
WORKDIR /src

FROM dev AS build
COPY . /clone
WORKDIR /clone
RUN mvn -q -B -ntp clean package -DskipTests

FROM base AS deploy
RUN apt-get update \
 && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/proxyfs
COPY --from=build /clone/scripts/launch.sh scripts/launch.sh
COPY --from=build /clone/ickpt/ickpt /clone/ickpt/dev.conf /clone/ickpt/target/ickpt-all.jar ickpt/
COPY --from=build /clone/imgr/imgr /clone/imgr/icheck /clone/imgr/mkmount.sh /clone/imgr/dev.conf /clone/imgr/target/imgr-all.jar imgr/
COPY --from=build /clone/iclient/iclient /clone/iclient/dev.conf /clone/iclient/target/iclient-all.jar iclient/
COPY --from=build /clone/idestroy/idestroy /clone/idestroy/target/idestroy-all.jar idestroy/
# docker-compose.yml gives each service its command (a launcher, its dev.conf and overrides).
CMD ["imgr/imgr", "imgr/dev.conf"]
