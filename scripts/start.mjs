// `npm start`: runs the whole product locally until Ctrl-C.
import { configFromEnv, startStack } from './local-stack.mjs';

const config = configFromEnv();
const stack = await startStack(config).catch((error) => {
  console.error(`\nThe local stack failed to start: ${error.message}`);
  process.exit(1);
});
const { urls, cognito } = stack;
console.log(`
Local chat stack is up (data in ${config.dataDir}):
  Demo page        ${urls.web}/
  CDN widget       ${urls.web}/chat-widget.js
  HTTP API         ${urls.http}   (POST /guest, GET /health)
  WebSocket API    ${urls.ws}
  DynamoDB         ${urls.dynamodb}   (dynalite)
  Cognito          ${urls.cognito}   (cognito-local, pool ${cognito.userPoolId}, client ${cognito.clientId})
Press Ctrl-C to stop.
`);
let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  console.log('\nStopping…');
  await stack.stop();
  process.exit(0);
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
