# kartoitus as a container image for CI jobs: a static binary on
# distroless, run as a non-root user.
#
#   docker build -t kartoitus .
#   docker run --rm -v "$PWD:/work" kartoitus registers samples/register-export.csv --format junit=reports/registers.xml
#
# The working directory is /work: mount the repository there, and
# ./kartoitus.yaml and ./.kartoitusignore.yaml are found as on the command
# line. The image holds no data and needs no network.

FROM golang:1.26 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=""
ARG COMMIT=""
ARG DATE=""
# Static: no cgo, so the binary runs on distroless/static (no libc).
RUN CGO_ENABLED=0 go build -trimpath \
      -ldflags "-s -w -X main.buildVersion=${VERSION} -X main.buildCommit=${COMMIT} -X main.buildDate=${DATE}" \
      -o /out/kartoitus ./cmd/kartoitus

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/kartoitus /usr/local/bin/kartoitus
COPY --from=build /src/schemas /usr/share/kartoitus/schemas
WORKDIR /work
# distroless's nonroot user (uid 65532); no shell, no package manager.
USER nonroot:nonroot
ENTRYPOINT ["/usr/local/bin/kartoitus"]
CMD ["help"]
