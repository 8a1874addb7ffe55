import { ApiGatewayManagementApiClient } from '@aws-sdk/client-apigatewaymanagementapi';
import { config } from '../config.js';

/** The @connections API of one WebSocket API stage: where to post, and a client for it. */
export interface ConnectionsApi {
  endpoint: string;
  client: ApiGatewayManagementApiClient;
}

const clients = new Map<string, ApiGatewayManagementApiClient>();

/** Where @connections lives for a request: the local emulator, or the API's own stage URL on AWS. */
export function connectionsEndpoint(domainName: string | undefined, stage: string | undefined): string {
  if (config.connectionsUrl) return config.connectionsUrl;
  return `https://${domainName}/${stage}`;
}

/** The @connections API at an endpoint, its client reused across invocations. */
export function connectionsApi(endpoint: string): ConnectionsApi {
  let client = clients.get(endpoint);
  if (!client) {
    const local = config.connectionsUrl
      ? { credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }
      : {};
    client = new ApiGatewayManagementApiClient({ endpoint, region: config.region, ...local });
    clients.set(endpoint, client);
  }
  return { endpoint, client };
}
