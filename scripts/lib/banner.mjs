// What `npm start` and `npm run dev` print once the stack is up: where to look.

/** Prints the URLs of a running stack, the Cognito ids, and how codes and stopping work. */
export function printBanner(config, { urls, cognito }, extra = '') {
  console.log(`
Local chat stack is up (data in ${config.dataDir}):
  Demo page        ${urls.web}/              guests and accounts; open it in two tabs
  Hostile CSS      ${urls.web}/third-party.html
  CDN widget       ${urls.web}/chat-widget.js
  HTTP API         ${urls.http}   (POST /guest, GET /health)
  WebSocket API    ${urls.ws}
  DynamoDB         ${urls.dynamodb}   (dynalite, table org-chat-local)
  Cognito          ${urls.cognito}   (cognito-local, pool ${cognito.userPoolId}, client ${cognito.clientId})
Sign-up confirmation codes appear below as cognito-local issues them.${extra}
Press Ctrl-C to stop.
`);
}
