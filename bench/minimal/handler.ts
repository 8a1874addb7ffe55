// A minimal chat backend for the latency floor (see serverless.yml): join stores a subscription;
// send stores the message, queries the room's subscriptions and posts to each but the sender, with
// the same bounded concurrency as backend/src/push/fanout.ts so only our extra work differs.
import {
  ApiGatewayManagementApiClient,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';

interface WsEvent {
  requestContext: { connectionId: string };
  headers?: Record<string, string | undefined>;
  body?: string;
}
interface Reply {
  statusCode: number;
  headers?: Record<string, string>;
  body: string;
}

const CONCURRENCY = 16;
const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const table = process.env.TABLE_NAME as string;
const db = new DynamoDBClient({ region: 'eu-west-1', endpoint: process.env.DYNAMODB_ENDPOINT, credentials });
const api = new ApiGatewayManagementApiClient({
  region: 'eu-west-1',
  endpoint: process.env.CONNECTIONS_URL,
  credentials,
});
let sequence = 0;

/** `$connect`: accepts everyone; selects `chat.v1` when offered (the SDK's clients of the storm bench). */
export async function connect(event: WsEvent): Promise<Reply> {
  const offered = event.headers?.['Sec-WebSocket-Protocol'] ?? event.headers?.['sec-websocket-protocol'];
  if (!offered?.split(',').includes('chat.v1')) return { statusCode: 200, body: '' };
  return { statusCode: 200, headers: { 'Sec-WebSocket-Protocol': 'chat.v1' }, body: '' };
}

/** `join`: subscribes the connection to the room. */
export async function join(event: WsEvent): Promise<Reply> {
  const { room, ref } = JSON.parse(event.body ?? '{}');
  const connectionId = event.requestContext.connectionId;
  await db.send(
    new PutItemCommand({
      TableName: table,
      Item: {
        pk: { S: `ROOM#${room}` },
        sk: { S: `SUB#${connectionId}` },
        connectionId: { S: connectionId },
      },
    }),
  );
  return { statusCode: 200, body: JSON.stringify({ type: 'ack', ref }) };
}

/** `send`: store, query the room, post to each subscriber but the sender. */
export async function send(event: WsEvent): Promise<Reply> {
  const { room, text, ref } = JSON.parse(event.body ?? '{}');
  const sender = event.requestContext.connectionId;
  const ts = Date.now();
  const message = { id: `${ts.toString(36)}-${(sequence++).toString(36)}`, room, text, ts };
  await db.send(
    new PutItemCommand({
      TableName: table,
      Item: {
        pk: { S: `ROOM#${room}` },
        sk: { S: `MSG#${message.id}` },
        text: { S: text },
        ts: { N: String(ts) },
      },
    }),
  );
  const targets: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :sub)',
        ExpressionAttributeValues: { ':pk': { S: `ROOM#${room}` }, ':sub': { S: 'SUB#' } },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const id = item.connectionId?.S;
      if (id && id !== sender) targets.push(id);
    }
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  const data = new TextEncoder().encode(JSON.stringify({ type: 'message', message }));
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const ConnectionId = targets[next++] as string;
      await api.send(new PostToConnectionCommand({ ConnectionId, Data: data })).catch(() => undefined);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, targets.length) }, worker));
  return { statusCode: 200, body: JSON.stringify({ type: 'ack', ref, message }) };
}
