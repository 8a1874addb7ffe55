#!/usr/bin/env bash
# Uploads the widget's CDN build and the demo page to a deployed stage, then invalidates the
# unhashed paths at the edge. Run after `npm run build` and `npm run deploy -- --stage <stage>`:
#
#   bash deploy/publish-cdn.sh <stage> [region]
#
# Needs the AWS CLI with credentials of the deploying account. Reads the stack's outputs (bucket,
# distribution, API URLs, user pool), fills the demo pages' {{WS_URL}}, {{HTTP_URL}} and
# {{COGNITO_*}} placeholders like the local static server does, and sets Cache-Control to
# match the CloudFront rules of deploy/cdn.yml (which override it at the edge anyway).
#
# The build goes to three places (widget/package.json gives the version, e.g. 1.4.2):
#   /v1.4.2/   the exact version: never changes, cached a year; the path to pin with `integrity`
#              (an exact version already uploaded is left alone unless FORCE=1)
#   /v1/       the major alias (v0.4/ before 1.0): the newest 1.x loader, cached briefly
#   /          the newest loader and the demo pages, cached briefly (the unversioned embed)
# Every chunk is content-hashed and checked by the loader with Subresource Integrity, so all three
# share the same immutable chunks; the source maps (hidden: no comment points at them) go beside.
set -euo pipefail
cd "$(dirname "$0")/.."

stage=${1:?usage: publish-cdn.sh <stage> [region]}
region=${2:-${AWS_REGION:-eu-west-1}}
stack="org-chat-${stage}"
short_max_age=${SHORT_MAX_AGE:-300}

output() {
  aws cloudformation describe-stacks --region "$region" --stack-name "$stack" \
    --query "Stacks[0].Outputs[?OutputKey=='$1'].OutputValue" --output text
}
bucket=$(output WidgetBucketName)
distribution=$(output CdnDistributionId)
ws_url=$(output WebSocketUrl)
http_url=$(output HttpUrl)
cdn_url=$(output CdnUrl)
# The demo page offers sign-in and sign-up on the stage's user pool: Cognito's own endpoint, SRP.
user_pool_id=$(output UserPoolId)
user_pool_client_id=$(output UserPoolClientId)

if [ ! -f widget/dist/cdn/chat-widget.js ] || [ ! -f widget/dist/cdn/integrity.json ]; then
  echo "widget/dist/cdn is empty: run npm run build first" >&2
  exit 1
fi
version=$(node -p "require('./widget/package.json').version")
major=${version%%.*}
if [ "$major" = "0" ]; then
  minor=${version#0.}
  alias="v0.${minor%%.*}"
else
  alias="v${major}"
fi

site=$(mktemp -d)
trap 'rm -rf "$site"' EXIT
cp -R widget/dist/cdn/. "$site/"
for page in examples/demo/*.html; do
  sed -e "s|{{WS_URL}}|${ws_url}|g" -e "s|{{HTTP_URL}}|${http_url}|g" \
    -e "s|{{COGNITO_USER_POOL_ID}}|${user_pool_id}|g" -e "s|{{COGNITO_CLIENT_ID}}|${user_pool_client_id}|g" \
    -e "s|{{COGNITO_ENDPOINT}}||g" -e "s|{{COGNITO_AUTH_FLOW}}|USER_SRP_AUTH|g" "$page" >"$site/$(basename "$page")"
done
if grep -l '{{[A-Z_]*}}' "$site"/*.html; then
  echo "warning: the pages above still hold placeholders this script does not know" >&2
fi

hashed='-[A-Za-z0-9_-]{8}\.js(\.map)?$'
long='public, max-age=31536000, immutable'
short="public, max-age=${short_max_age}"

type_of() {
  case "$1" in
    *.js) echo 'text/javascript; charset=utf-8' ;;
    *.html) echo 'text/html; charset=utf-8' ;;
    *.css) echo 'text/css; charset=utf-8' ;;
    *.map | *.json) echo 'application/json' ;;
    *) echo 'application/octet-stream' ;;
  esac
}
put() { # put <file in $site> <key> <cache-control>
  aws s3 cp --region "$region" "$site/$1" "s3://$bucket/$2" --content-type "$(type_of "$1")" --cache-control "$3"
}
cdn_files() { (cd widget/dist/cdn && find . -type f | sed 's|^\./||'); }

# Hashed chunks first, so a new loader never points at a chunk that is not there yet. Old chunks
# stay: pages may still run a cached loader that imports them (versioning expires them in S3 only
# when overwritten or deleted).
for prefix in "v${version}/" "${alias}/" ''; do
  while IFS= read -r file; do put "$file" "${prefix}${file}" "$long"; done < <(cdn_files | grep -E -- "$hashed" || true)
done
# The exact version: immutable, so uploaded once.
if [ -z "${FORCE:-}" ] && aws s3api head-object --region "$region" --bucket "$bucket" --key "v${version}/chat-widget.js" >/dev/null 2>&1; then
  echo "v${version} is already published: left as it is (FORCE=1 overwrites; better: release a new version)"
else
  while IFS= read -r file; do put "$file" "v${version}/${file}" "$long"; done < <(cdn_files | grep -v -E -- "$hashed")
fi
# The major alias and the unversioned root: the newest loader, briefly cached.
for prefix in "${alias}/" ''; do
  while IFS= read -r file; do put "$file" "${prefix}${file}" "$short"; done < <(cdn_files | grep -v -E -- "$hashed")
done
for page in "$site"/*.html; do put "$(basename "$page")" "$(basename "$page")" "$short"; done

# One wildcard path counts as one invalidation (1,000 a month are free); the hashed chunks it also
# drops are unchanged, so that costs only a refetch from the bucket.
aws cloudfront create-invalidation --distribution-id "$distribution" --paths '/' '/*' >/dev/null
integrity=$(node -p "require('./widget/dist/cdn/integrity.json').files['chat-widget.js']")
echo "published to ${cdn_url}: loader ${cdn_url}/v${version}/chat-widget.js (also /${alias}/ and /)"
echo "embed, pinned:"
echo "  <script src=\"${cdn_url}/v${version}/chat-widget.js\" integrity=\"${integrity}\" crossorigin=\"anonymous\""
echo "          data-ws-url=\"${ws_url}\" data-http-url=\"${http_url}\" data-room=\"lobby\" async></script>"
