// API Gateway settings computed from the rest of serverless.yml (a `${file(...)}` fragment):
// - the HTTP API's CORS origins on AWS: provider.httpApi.cors (what serverless-offline uses too) plus
//   the widget CDN's own origin, whose domain CloudFront assigns at the first deploy;
// - a SourceArn on every Lambda permission the WebSocket API gets, so only this API may invoke them
//   (the framework leaves it open to any API Gateway API).
'use strict';

const { websocketPermissionId } = require('./naming.cjs');

module.exports = async ({ resolveVariable }) => {
  const stage = await resolveVariable('sls:stage');
  // `local` reads its wiring from the shell and lets any origin in: it must never reach AWS.
  if (stage === 'local' && process.argv.includes('deploy')) {
    throw new Error('stage "local" is for serverless-offline (npm start) only: deploy dev, staging or prod');
  }
  const cors = await resolveVariable('self:provider.httpApi.cors');
  const functions = await resolveVariable('self:functions');
  const origins = cors.allowedOrigins.includes('*')
    ? cors.allowedOrigins
    : [{ 'Fn::Sub': `https://\${WidgetCdn.DomainName}` }, ...cors.allowedOrigins];

  const extensions = {
    HttpApi: {
      Properties: {
        CorsConfiguration: {
          AllowOrigins: origins,
          AllowHeaders: cors.allowedHeaders,
          ExposeHeaders: cors.exposedResponseHeaders,
          AllowMethods: cors.allowedMethods,
          MaxAge: cors.maxAge,
        },
      },
    },
  };

  const sourceArn = {
    'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${WebsocketsApi}/*`,
  };
  const invokedByWebsockets = new Set();
  for (const [name, fn] of Object.entries(functions)) {
    for (const event of fn.events ?? []) {
      if (!event.websocket) continue;
      invokedByWebsockets.add(name);
      const authorizer = event.websocket.authorizer;
      if (authorizer) invokedByWebsockets.add(typeof authorizer === 'string' ? authorizer : authorizer.name);
    }
  }
  for (const name of invokedByWebsockets) {
    extensions[websocketPermissionId(name)] = { Properties: { SourceArn: sourceArn } };
  }
  return { extensions };
};
