#!/usr/bin/env bash
# Builds the container images of the six services, the back-office gateway and the audit CLI with the .NET SDK's own
# container support (dotnet publish -t:PublishContainer; settings in src/Containers.props), no Dockerfile and no
# engine needed to build.
#
#   deploy/containers/build.sh [options] [project ...]
#     --tag TAG               image tag (default: the short commit id of this clone; pin releases as 0.2.0 and so on)
#     --registry HOST[:PORT]  push to this registry (log in first: docker login, or DOTNET_CONTAINER_REGISTRY_UNAME/PWORD)
#     --archive DIR           write each image as DIR/<name>.tar.gz instead (docker load -i / podman load -i it elsewhere)
#     --base-registry HOST    pull the base images from this mirror instead of mcr.microsoft.com (closed networks)
#     project                 intake review publicity payment certificate audit gateway audit-cli (default: all)
#   Without --registry or --archive the images go to the local Docker or Podman engine.
#
# Exit codes: 0 built; 1 a publish failed; 2 usage; 3 the base image registry cannot be reached;
# 4 the destination cannot be reached (registry or local engine).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"

declare -A PROJECTS=(
  [intake]=src/Services/Intake/Intake.csproj [review]=src/Services/Review/Review.csproj
  [publicity]=src/Services/Publicity/Publicity.csproj [payment]=src/Services/Payment/Payment.csproj
  [certificate]=src/Services/Certificate/Certificate.csproj [audit]=src/Services/Audit/Audit.csproj
  [gateway]=src/Gateway/Gateway.csproj [audit-cli]=src/Tools/AuditCli/AuditCli.csproj
)
ORDER=(intake review publicity payment certificate audit gateway audit-cli)

say() { echo "build.sh: $*" >&2; }
usage() { sed -n '2,15p' "$0" >&2; exit 2; }

TAG="" REGISTRY="" ARCHIVE="" BASE_REGISTRY="" SELECTED=()
while [ $# -gt 0 ]; do
  case "$1" in
    --tag) TAG="${2:-}"; shift 2 || usage ;;
    --registry) REGISTRY="${2:-}"; shift 2 || usage ;;
    --archive) ARCHIVE="${2:-}"; shift 2 || usage ;;
    --base-registry) BASE_REGISTRY="${2:-}"; shift 2 || usage ;;
    -h|--help) usage ;;
    -*) say "unknown option $1"; usage ;;
    *) [ -n "${PROJECTS[$1]:-}" ] || { say "no image called $1 (one of: ${ORDER[*]})"; exit 2; }; SELECTED+=("$1"); shift ;;
  esac
done
[ ${#SELECTED[@]} -gt 0 ] || SELECTED=("${ORDER[@]}")
[ -z "$REGISTRY" ] || [ -z "$ARCHIVE" ] || { say "--registry and --archive exclude each other"; exit 2; }
TAG="${TAG:-$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo dev)}"
[[ "$TAG" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]] || { say "'$TAG' is not a valid image tag"; exit 2; }

# Whether a registry answers at HOST[:PORT] within 10 s. Any HTTP status will do (a registry asks for a login), and
# so will a certificate curl does not trust (an internal CA): whether it is trusted is the SDK's question, later.
# Plain HTTP too, which the SDK uses for a registry on localhost.
answers() {
  if command -v curl >/dev/null 2>&1; then
    curl -ksS -o /dev/null -m 10 "https://$1/v2/" 2>/dev/null || curl -sS -o /dev/null -m 10 "http://$1/v2/" 2>/dev/null
  else
    local host="${1%%:*}" port="${1##*:}"; [ "$port" != "$1" ] || port=443
    timeout 10 bash -c ": </dev/tcp/$host/$port" 2>/dev/null
  fi
}

property() { # the evaluated MSBuild property $2 of project $1 (no build, no restore)
  dotnet msbuild "$ROOT/$1" -nologo -getProperty:"$2"
}

# The base images come from src/Containers.props; with --base-registry only their registry changes.
declare -A BASES=()
for name in "${SELECTED[@]}"; do
  base="$(property "${PROJECTS[$name]}" ContainerBaseImage)"
  [ -z "$BASE_REGISTRY" ] || base="$BASE_REGISTRY/${base#*/}"
  BASES[$name]="$base"
done
for registry in $(printf '%s\n' "${BASES[@]}" | cut -d/ -f1 | sort -u); do
  answers "$registry" || { say "the base image registry $registry cannot be reached from this machine: no image built (use --base-registry for a mirror)"; exit 3; }
done

if [ -n "$REGISTRY" ]; then
  answers "$REGISTRY" || { say "the registry $REGISTRY cannot be reached from this machine: no image built"; exit 4; }
elif [ -n "$ARCHIVE" ]; then
  mkdir -p "$ARCHIVE"; ARCHIVE="$(cd "$ARCHIVE" && pwd)"
elif ! { docker info >/dev/null 2>&1 || podman info >/dev/null 2>&1; }; then
  say "no Docker or Podman engine answers on this machine: use --registry HOST to push or --archive DIR to write files"; exit 4
fi

SOURCE="$(git -C "$ROOT" config --get remote.origin.url 2>/dev/null | sed -E 's#^([a-z+]+://)[^/@]*@#\1#' || true)"
REVISION="$(git -C "$ROOT" rev-parse HEAD 2>/dev/null || true)"
LOGS="$(mktemp -d "${TMPDIR:-/tmp}/titlereview-images.XXXXXX")"
for name in "${SELECTED[@]}"; do
  args=(-c Release -t:PublishContainer -nologo -v:minimal
        -p:ContainerBaseImage="${BASES[$name]}" -p:ContainerImageTags="$TAG" -p:ContainerVersion="$TAG")
  [ -z "$REVISION" ] || args+=(-p:SourceRevisionId="$REVISION")
  [ -z "$SOURCE" ] || args+=(-p:TitleReviewSourceUrl="$SOURCE")
  [ -z "$REGISTRY" ] || args+=(-p:ContainerRegistry="$REGISTRY")
  [ -z "$ARCHIVE" ] || args+=(-p:ContainerArchiveOutputPath="$ARCHIVE/$name.tar.gz")
  repository="$(property "${PROJECTS[$name]}" ContainerRepository)"
  say "$repository:$TAG on ${BASES[$name]}"
  # The SDK's output goes to a log: a registry that answers but then fails makes its container task print a stack trace.
  log="$LOGS/$name.log"
  if ! dotnet publish "$ROOT/${PROJECTS[$name]}" "${args[@]}" >"$log" 2>&1; then
    say "publishing $name failed: $(grep -m1 -oE 'error [A-Z]+[0-9]+: .*' "$log" | cut -c1-300 || echo 'see the log') (whole log: $log)"
    exit 1
  fi
done
say "built ${SELECTED[*]} at tag $TAG${REGISTRY:+, pushed to $REGISTRY}${ARCHIVE:+, archives in $ARCHIVE}"
