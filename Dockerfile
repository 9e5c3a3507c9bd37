# lakeaudit: one image for the command line and both cluster roles.
#   docker build -t lakeaudit .
#   docker run --rm -v "$PWD/lake:/lake:ro" -v "$PWD/report:/report" lakeaudit scan /lake --report /report
# deploy/compose.yaml runs a scheduler and executors from it.

FROM rust:1.95-slim-bookworm AS build
WORKDIR /src
# Dependencies first, so that a source change does not rebuild DataFusion.
COPY Cargo.toml Cargo.lock ./
COPY classify/Cargo.toml classify/Cargo.toml
COPY lakegen/Cargo.toml lakegen/Cargo.toml
RUN mkdir -p src classify/src lakegen/src benches \
    && echo 'fn main() {}' > src/main.rs && touch src/lib.rs classify/src/lib.rs lakegen/src/lib.rs \
    && echo 'fn main() {}' > lakegen/src/main.rs \
    && for b in scan anonymize; do echo 'fn main() {}' > benches/$b.rs; done \
    && mkdir -p classify/benches && echo 'fn main() {}' > classify/benches/classify.rs \
    && cargo build --release --locked --bin lakeaudit || true
COPY . .
RUN touch src/main.rs src/lib.rs classify/src/lib.rs \
    && cargo build --release --locked --bin lakeaudit \
    && cp target/release/lakeaudit /lakeaudit

FROM debian:bookworm-slim
# CA certificates for S3, Azure and GCS over TLS; nothing else is needed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /work --create-home lakeaudit
COPY --from=build /lakeaudit /usr/local/bin/lakeaudit
USER lakeaudit
WORKDIR /work
# Scheduler (gRPC and, with --flight-proxy, results); executor Flight and gRPC.
EXPOSE 50050 50051 50052
ENTRYPOINT ["lakeaudit"]
CMD ["--help"]
