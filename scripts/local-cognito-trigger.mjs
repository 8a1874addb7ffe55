// What Cognito puts in an ID token that cognito-local leaves out: the user's `name` attribute (AWS
// adds every standard attribute; cognito-local only email and custom ones). The local stack registers
// a PreTokenGeneration trigger with cognito-local and answers its Lambda invocation here (served by
// the local gateway's HTTP side), adding `name`, so accounts show their names locally as on AWS.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const FUNCTION = 'local-pre-token-generation';

/** Writes cognito-local's config (in its working folder) so it calls the trigger at `endpoint`. */
export function writeCognitoConfig(cognitoDir, endpoint) {
  const folder = join(cognitoDir, '.cognito');
  mkdirSync(folder, { recursive: true });
  const config = {
    LambdaClient: {
      endpoint,
      region: 'local',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    },
    TriggerFunctions: { PreTokenGeneration: FUNCTION },
  };
  writeFileSync(join(folder, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
}

/** Answers cognito-local's invocation of the trigger; returns false for any other request. */
export async function handleTrigger(req, res) {
  if (req.method !== 'POST' || !req.url?.startsWith(`/2015-03-31/functions/${FUNCTION}/invocations`))
    return false;
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  let event;
  try {
    event = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    event = {};
  }
  const name = event?.request?.userAttributes?.name;
  const response = {
    claimsOverrideDetails: typeof name === 'string' ? { claimsToAddOrOverride: { name } } : {},
  };
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ ...event, response }));
  return true;
}
