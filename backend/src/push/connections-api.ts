import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { config } from '../config.js';

const clients = new Map<string, ApiGatewayManagementApiClient>();

/** Where @connections lives for a request: the local emulator, or the API's own stage URL on AWS. */
export function connectionsEndpoint(domainName: string | undefined, stage: string | undefined): string {
  if (config.connectionsUrl) return config.connectionsUrl;
  return `https://${domainName}/${stage}`;
}

/** A management API client for an endpoint, reused across invocations. */
export function connectionsClient(endpoint: string): ApiGatewayManagementApiClient {
  let client = clients.get(endpoint);
  if (!client) {
    const local = config.connectionsUrl
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {};
    client = new ApiGatewayManagementApiClient({ endpoint, region: config.region, ...local });
    clients.set(endpoint, client);
  }
  return client;
}
