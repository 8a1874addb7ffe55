import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import type {
  BatchGetCommandInput,
  BatchGetCommandOutput,
  BatchWriteCommandInput,
  BatchWriteCommandOutput,
  DeleteCommandInput,
  DeleteCommandOutput,
  GetCommandInput,
  GetCommandOutput,
  PutCommandInput,
  PutCommandOutput,
  QueryCommandInput,
  QueryCommandOutput,
  ScanCommandInput,
  ScanCommandOutput,
  UpdateCommandInput,
  UpdateCommandOutput,
} from '@aws-sdk/lib-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { SignedSender } from '../aws-request.js';

// The commands of @aws-sdk/lib-dynamodb (same names, inputs and outputs), for the document client
// below. The store imports them from here: lib-dynamodb's own would load the whole DynamoDB client.

/** `PutItem` with native JavaScript values. */
export class PutCommand {
  readonly operation = 'PutItem';
  constructor(readonly input: PutCommandInput) {}
}
/** `GetItem` with native JavaScript values. */
export class GetCommand {
  readonly operation = 'GetItem';
  constructor(readonly input: GetCommandInput) {}
}
/** `UpdateItem` with native JavaScript values. */
export class UpdateCommand {
  readonly operation = 'UpdateItem';
  constructor(readonly input: UpdateCommandInput) {}
}
/** `DeleteItem` with native JavaScript values. */
export class DeleteCommand {
  readonly operation = 'DeleteItem';
  constructor(readonly input: DeleteCommandInput) {}
}
/** `Query` with native JavaScript values. */
export class QueryCommand {
  readonly operation = 'Query';
  constructor(readonly input: QueryCommandInput) {}
}
/** `Scan` with native JavaScript values. */
export class ScanCommand {
  readonly operation = 'Scan';
  constructor(readonly input: ScanCommandInput) {}
}
/** `BatchGetItem` with native JavaScript values. */
export class BatchGetCommand {
  readonly operation = 'BatchGetItem';
  constructor(readonly input: BatchGetCommandInput) {}
}
/** `BatchWriteItem` with native JavaScript values. */
export class BatchWriteCommand {
  readonly operation = 'BatchWriteItem';
  constructor(readonly input: BatchWriteCommandInput) {}
}

/** What each command resolves with. */
export type OutputOf<C> = C extends PutCommand
  ? PutCommandOutput
  : C extends GetCommand
    ? GetCommandOutput
    : C extends UpdateCommand
      ? UpdateCommandOutput
      : C extends DeleteCommand
        ? DeleteCommandOutput
        : C extends QueryCommand
          ? QueryCommandOutput
          : C extends ScanCommand
            ? ScanCommandOutput
            : C extends BatchGetCommand
              ? BatchGetCommandOutput
              : C extends BatchWriteCommand
                ? BatchWriteCommandOutput
                : never;

/** A command of this module (or of lib-dynamodb: its instances carry the same `input`). */
export type DocumentCommand =
  | PutCommand
  | GetCommand
  | UpdateCommand
  | DeleteCommand
  | QueryCommand
  | ScanCommand
  | BatchGetCommand
  | BatchWriteCommand;

/** How the client calls DynamoDB: attempts per call, and the sender of signed requests. */
export interface DocumentClientOptions {
  send: SignedSender;
  /** Tries per call (the first included) when DynamoDB throttles, fails on its side or does not answer. */
  maxAttempts: number;
  /** Pause before the n-th retry: up to base × 2^n ms, at random (full jitter). */
  backoffBaseMs?: number;
}

/** A DynamoDB error other than a failed condition: its `name` is DynamoDB's error type. */
export class DynamoDBError extends Error {
  constructor(
    override readonly name: string,
    message: string,
    readonly $metadata: { httpStatusCode?: number; attempts: number },
  ) {
    super(message);
  }
}

// Worth another try: the table is busy, or DynamoDB failed on its side.
const RETRYABLE = new Set([
  'ProvisionedThroughputExceededException',
  'ThrottlingException',
  'RequestLimitExceeded',
  'InternalServerError',
  'ServiceUnavailable',
  'LimitExceededException',
]);
const marshallOptions = { removeUndefinedValues: true } as const;

/**
 * A DynamoDB document client (the interface of lib-dynamodb's: `send(new PutCommand({...}))`, native
 * values in and out) over the DynamoDB JSON API, signed and sent by `options.send`. It exists for
 * speed: per call it spends a fraction of the CPU of the SDK client (middleware, schemas), and a
 * function that uses it never loads the SDK client at all (npm run bench: cold load, CPU per message).
 * Like the SDK it tries a call again when DynamoDB throttles, fails on its side or does not answer,
 * with jittered backoff, and turns a failed condition into the SDK's ConditionalCheckFailedException
 * (with the item, when asked for).
 */
export class DocumentClient {
  constructor(private readonly options: DocumentClientOptions) {}

  /** Runs a command; resolves with its output in native values. */
  async send<C extends DocumentCommand>(command: C): Promise<OutputOf<C>> {
    const operation = (command as { operation?: string }).operation ?? operationOf(command);
    const output = await this.call(operation, toWire(operation, command.input));
    return fromWire(operation, output) as OutputOf<C>;
  }

  /** One DynamoDB API call with wire-format input and output, tried again as the options say. */
  async call(operation: string, input: object): Promise<Record<string, unknown>> {
    const body = JSON.stringify(input);
    const { maxAttempts, backoffBaseMs = 50 } = this.options;
    for (let attempt = 1; ; attempt++) {
      let failure: Error;
      try {
        const response = await this.options.send({
          method: 'POST',
          path: '/',
          headers: {
            'content-type': 'application/x-amz-json-1.0',
            'x-amz-target': `DynamoDB_20120810.${operation}`,
          },
          body,
        });
        const answer = parseAnswer(response.body);
        if (response.status === 200 && answer) return answer;
        failure = toError(answer ?? {}, response.status, attempt);
        if (response.status < 500 && !RETRYABLE.has(failure.name)) throw failure;
      } catch (error) {
        if (error instanceof ConditionalCheckFailedException || error instanceof DynamoDBError) throw error;
        // No answer (network error, timeout): the call may or may not have been applied. Repeating it
        // is what the SDK does too; the store's conditional writes read what a repeated one finds.
        failure = error as Error;
      }
      if (attempt >= maxAttempts) throw failure;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * backoffBaseMs * 2 ** attempt));
    }
  }
}

function parseAnswer(body: Buffer): Record<string, unknown> | undefined {
  if (!body.length) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The wire-format input of a command: its native values marshalled where DynamoDB expects attribute values. */
function toWire(operation: string, input: object): object {
  const wire: Record<string, unknown> = { ...input };
  const values = (map: unknown) => (map ? marshall(map as Record<string, unknown>, marshallOptions) : map);
  for (const field of ['Item', 'Key', 'ExpressionAttributeValues', 'ExclusiveStartKey']) {
    if (wire[field] !== undefined) wire[field] = values(wire[field]);
  }
  if (operation === 'BatchGetItem' && wire.RequestItems) {
    wire.RequestItems = mapValues(wire.RequestItems as Record<string, { Keys: object[] }>, (request) => ({
      ...request,
      Keys: request.Keys.map(values),
    }));
  }
  if (operation === 'BatchWriteItem' && wire.RequestItems) {
    wire.RequestItems = mapValues(
      wire.RequestItems as Record<
        string,
        { PutRequest?: { Item: object }; DeleteRequest?: { Key: object } }[]
      >,
      (requests) =>
        requests.map((request) =>
          request.PutRequest
            ? { PutRequest: { Item: values(request.PutRequest.Item) } }
            : { DeleteRequest: { Key: values(request.DeleteRequest?.Key) } },
        ),
    );
  }
  return wire;
}

/** The native-value output of a call. */
function fromWire(operation: string, output: Record<string, unknown>): object {
  const native: Record<string, unknown> = { ...output, $metadata: {} };
  const item = (map: unknown) => (map ? unmarshall(map as never) : map);
  for (const field of ['Item', 'Attributes', 'LastEvaluatedKey']) {
    if (native[field] !== undefined) native[field] = item(native[field]);
  }
  if (Array.isArray(native.Items)) native.Items = native.Items.map(item);
  if (operation === 'BatchGetItem') {
    if (native.Responses)
      native.Responses = mapValues(native.Responses as Record<string, object[]>, (items) => items.map(item));
    if (native.UnprocessedKeys)
      native.UnprocessedKeys = mapValues(
        native.UnprocessedKeys as Record<string, { Keys: object[] }>,
        (request) => ({ ...request, Keys: request.Keys.map(item) }),
      );
  }
  if (operation === 'BatchWriteItem' && native.UnprocessedItems) {
    native.UnprocessedItems = mapValues(
      native.UnprocessedItems as Record<
        string,
        { PutRequest?: { Item: object }; DeleteRequest?: { Key: object } }[]
      >,
      (requests) =>
        requests.map((request) =>
          request.PutRequest
            ? { PutRequest: { Item: item(request.PutRequest.Item) } }
            : { DeleteRequest: { Key: item(request.DeleteRequest?.Key) } },
        ),
    );
  }
  return native;
}

function toError(
  answer: { __type?: string; message?: string; Message?: string; Item?: unknown },
  status: number,
  attempts: number,
) {
  const name = String(answer.__type ?? 'UnknownError').replace(/^.*#/, '');
  const message = answer.message ?? answer.Message ?? name;
  const $metadata = { httpStatusCode: status, attempts };
  if (name === 'ConditionalCheckFailedException') {
    // The SDK's own class, so `instanceof` holds wherever it is imported from; `Item` stays marshalled, as the SDK's.
    return new ConditionalCheckFailedException({
      message,
      $metadata,
      ...(answer.Item ? { Item: answer.Item as never } : {}),
    });
  }
  return new DynamoDBError(name, message, $metadata);
}

/** The operation of a lib-dynamodb command (`PutCommand` → `PutItem`). */
function operationOf(command: object): string {
  const name = command.constructor.name.replace(/Command$/, '');
  return ['Put', 'Get', 'Update', 'Delete', 'BatchGet', 'BatchWrite'].includes(name) ? `${name}Item` : name;
}

function mapValues<T, U>(record: Record<string, T>, map: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, map(value)]));
}
