// An osls plugin: the heartbeat route without a function. API Gateway answers `{"action":"ping"}`
// itself with `{"type":"pong"}` through a MOCK integration, so an idle connection (one ping every
// 9 minutes, to beat the 10-minute idle timeout) costs no Lambda invocation. Locally
// scripts/local-gateway.mjs does the same in front of serverless-offline, which has no MOCK routes.
// A plugin rather than `resources:`, because the WebSocket API's deployment must depend on the route
// (its logical id is only known once the framework compiled the API), or the first deploy misses it.
'use strict';

const api = { Ref: 'WebsocketsApi' };

/** The MOCK integration, its response, the `ping` route and its route response. */
const RESOURCES = {
  PingIntegration: {
    Type: 'AWS::ApiGatewayV2::Integration',
    Properties: {
      ApiId: api,
      IntegrationType: 'MOCK',
      PassthroughBehavior: 'WHEN_NO_MATCH',
      TemplateSelectionExpression: '$default',
      RequestTemplates: { $default: '{"statusCode": 200}' },
    },
  },
  PingIntegrationResponse: {
    Type: 'AWS::ApiGatewayV2::IntegrationResponse',
    Properties: {
      ApiId: api,
      IntegrationId: { Ref: 'PingIntegration' },
      IntegrationResponseKey: '$default',
      TemplateSelectionExpression: '$default',
      ResponseTemplates: { $default: '{"type":"pong"}' },
    },
  },
  PingRoute: {
    Type: 'AWS::ApiGatewayV2::Route',
    Properties: {
      ApiId: api,
      RouteKey: 'ping',
      RouteResponseSelectionExpression: '$default',
      Target: { 'Fn::Join': ['/', ['integrations', { Ref: 'PingIntegration' }]] },
    },
  },
  PingRouteResponse: {
    Type: 'AWS::ApiGatewayV2::RouteResponse',
    Properties: { ApiId: api, RouteId: { Ref: 'PingRoute' }, RouteResponseKey: '$default' },
  },
};

class MockPingRoute {
  constructor(serverless) {
    this.hooks = { 'after:package:compileEvents': () => this.#add(serverless) };
  }

  #add(serverless) {
    const resources = serverless.service.provider.compiledCloudFormationTemplate.Resources;
    if (!resources.WebsocketsApi) return;
    Object.assign(resources, structuredClone(RESOURCES));
    for (const resource of Object.values(resources)) {
      if (resource.Type !== 'AWS::ApiGatewayV2::Deployment') continue;
      resource.DependsOn = [...[resource.DependsOn ?? []].flat(), 'PingRoute', 'PingRouteResponse'];
    }
  }
}

module.exports = MockPingRoute;
