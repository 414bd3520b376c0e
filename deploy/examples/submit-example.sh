#!/usr/bin/env bash
# Submits the complete example application (schema v2) the way a portal does: each file uploaded first with
# POST /api/attachments, their ids put in place of the placeholders in application-v2.json, then POST /api/applications.
# The example passes every rule on 2023-06-01 (the development clock's starting day; its work history ends that day).
#   INTAKE_URL (default http://127.0.0.1:5101), PORTAL_KEY (default dev-key-portal, development only),
#   ID_NUMBER (default the example's 身份证 number; one active application per person and level).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
url="${INTAKE_URL:-http://127.0.0.1:5101}"
auth="Authorization: ApiKey ${PORTAL_KEY:-dev-key-portal}"

upload() { # file → attachment id
  curl -sS --fail-with-body -H "$auth" -F "file=@$here/files/$1" "$url/api/attachments" | sed -E 's/.*"id":"([0-9a-f-]+)".*/\1/'
}

photo=$(upload photo.jpg); evidence=$(upload evidence.pdf); summary=$(upload work-summary.docx)
report=$(upload technical-summary-report.docx); paper=$(upload paper.docx)

sed -e "s/0190a000-0000-7000-8000-000000000001/$photo/g" -e "s/0190a000-0000-7000-8000-000000000002/$evidence/g" \
    -e "s/0190a000-0000-7000-8000-000000000003/$summary/g" -e "s/0190a000-0000-7000-8000-000000000004/$report/g" \
    -e "s/0190a000-0000-7000-8000-000000000005/$paper/g" -e "s/32020219850615001X/${ID_NUMBER:-32020219850615001X}/g" \
    "$here/application-v2.json" \
  | curl -sS --fail-with-body -H "$auth" -H 'content-type: application/json' -H "Idempotency-Key: example-$(date +%s%N)" \
      --data-binary @- "$url/api/applications"
echo
