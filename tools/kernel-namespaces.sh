#!/usr/bin/env bash
# The shared kernel's split (issue #16) renamed namespaces; this rewrites references in the given tree (default: the
# repository) so a branch written before the split compiles after it. Idempotent.
set -euo pipefail
ROOT="${1:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
find "$ROOT/src" "$ROOT/tests" "$ROOT/bench" -name '*.cs' -not -path '*/obj/*' -not -path '*/bin/*' -print0 |
  xargs -0 sed -i -E \
    -e 's/TitleReview\.ServiceDefaults\.EventStore\b/TitleReview.EventStore/g' \
    -e 's/TitleReview\.ServiceDefaults\.Messaging\b/TitleReview.EventStore.Messaging/g' \
    -e 's/TitleReview\.ServiceDefaults\.Jobs\b/TitleReview.EventStore.Jobs/g' \
    -e 's/TitleReview\.ServiceDefaults\.WorkingDays\b/TitleReview.EventStore.WorkingDays/g' \
    -e 's/TitleReview\.ServiceDefaults\.Ledger\b/TitleReview.Domain.Lifecycle/g' \
    -e 's/TitleReview\.ServiceDefaults\.Http\b/TitleReview.Web.Http/g' \
    -e 's/TitleReview\.Contracts\.Cycles\b/TitleReview.Domain.Cycles/g' \
    -e 's/TitleReview\.Contracts\.WorkingDays\b/TitleReview.Domain.WorkingDays/g' \
    -e 's/TitleReview\.Contracts\.Rules\b/TitleReview.Domain.Publicity/g'
