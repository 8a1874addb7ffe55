#!/usr/bin/env bash
# Uploads the widget's CDN build and the demo page to a deployed stage, then invalidates the
# unhashed paths at the edge. Run after `npm run build` and `npm run deploy -- --stage <stage>`:
#
#   bash deploy/publish-cdn.sh <stage> [region]
#
# Needs the AWS CLI with credentials of the deploying account. Reads the stack's outputs (bucket,
# distribution, API URLs, user pool), fills the demo pages' {{WS_URL}}, {{HTTP_URL}} and
# {{COGNITO_*}} placeholders like the local static server does, and sets Cache-Control to
# match the CloudFront rules of deploy/cdn.yml (which override it at the edge anyway): a year for
# content-hashed chunks, short for the rest.
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

if [ ! -f widget/dist/cdn/chat-widget.js ]; then
  echo "widget/dist/cdn is empty: run npm run build first" >&2
  exit 1
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

hashed='-[A-Za-z0-9_-]{8}\.js$'
# Hashed chunks first, so a new loader never points at a chunk that is not there yet. Old chunks
# stay: pages may still run a cached loader that imports them (versioning expires them in S3 only
# when overwritten or deleted).
while IFS= read -r file; do
  aws s3 cp --region "$region" "$site/$file" "s3://$bucket/$file" \
    --content-type 'text/javascript; charset=utf-8' --cache-control 'public, max-age=31536000, immutable'
done < <(cd "$site" && find . -type f -name '*.js' | sed 's|^\./||' | grep -E -- "$hashed" || true)
while IFS= read -r file; do
  case "$file" in
    *.js) type='text/javascript; charset=utf-8' ;;
    *.html) type='text/html; charset=utf-8' ;;
    *.css) type='text/css; charset=utf-8' ;;
    *.map) type='application/json' ;;
    *) type='' ;;
  esac
  aws s3 cp --region "$region" "$site/$file" "s3://$bucket/$file" \
    ${type:+--content-type "$type"} --cache-control "public, max-age=${short_max_age}"
done < <(cd "$site" && find . -type f | sed 's|^\./||' | grep -v -E -- "$hashed" || true)

# One wildcard path counts as one invalidation (1,000 a month are free); the hashed chunks it also
# drops are unchanged, so that costs only a refetch from the bucket.
aws cloudfront create-invalidation --distribution-id "$distribution" --paths '/' '/*' >/dev/null
echo "published to ${cdn_url} (loader: ${cdn_url}/chat-widget.js)"
