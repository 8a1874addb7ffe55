import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { PutCommand as SdkPutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import type { SignedRequest, SignedResponse } from '../aws-request.js';
import {
  BatchGetCommand,
  BatchWriteCommand,
  DocumentClient,
  DynamoDBError,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from './document-client.js';

/** A fake DynamoDB endpoint: records each request and answers from a script (an Error: no answer). */
function fakeDynamo(answers: (object | Error | [number, object])[]) {
  const requests: { target: string; body: Record<string, unknown> }[] = [];
  const send = async (request: SignedRequest): Promise<SignedResponse> => {
    requests.push({
      target: request.headers?.['x-amz-target'] ?? '',
      body: JSON.parse(String(request.body)),
    });
    const next = answers.shift();
    if (next === undefined) throw new Error('no answer scripted');
    if (next instanceof Error) throw next;
    const [status, body] = Array.isArray(next) ? next : [200, next];
    return { status, body: Buffer.from(JSON.stringify(body)) };
  };
  return { requests, client: new DocumentClient({ send, maxAttempts: 3, backoffBaseMs: 1 }) };
}

describe('DocumentClient', () => {
  it('sends native values as DynamoDB attribute values and reads them back', async () => {
    const { requests, client } = fakeDynamo([
      {
        Items: [{ pk: { S: 'ROOM#a' }, seq: { N: '7' }, rooms: { SS: ['a', 'b'] } }],
        LastEvaluatedKey: { pk: { S: 'ROOM#a' }, sk: { S: 'M#x' } },
      },
    ]);
    const page = await client.send(
      new QueryCommand({
        TableName: 't',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': 'ROOM#a', ':none': undefined },
        ExclusiveStartKey: { pk: 'ROOM#a', sk: 'M#w' },
      }),
    );
    expect(requests[0]).toEqual({
      target: 'DynamoDB_20120810.Query',
      body: {
        TableName: 't',
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'ROOM#a' } },
        ExclusiveStartKey: { pk: { S: 'ROOM#a' }, sk: { S: 'M#w' } },
      },
    });
    expect(page.Items).toEqual([{ pk: 'ROOM#a', seq: 7, rooms: new Set(['a', 'b']) }]);
    expect(page.LastEvaluatedKey).toEqual({ pk: 'ROOM#a', sk: 'M#x' });
  });

  it('marshals every key of a batch read and unmarshals each table’s items', async () => {
    const { requests, client } = fakeDynamo([
      { Responses: { t: [{ pk: { S: 'a' }, n: { N: '1' } }] }, UnprocessedKeys: {} },
    ]);
    const result = await client.send(
      new BatchGetCommand({ RequestItems: { t: { Keys: [{ pk: 'a', sk: 'b' }], ConsistentRead: true } } }),
    );
    expect(requests[0]?.body).toEqual({
      RequestItems: { t: { Keys: [{ pk: { S: 'a' }, sk: { S: 'b' } }], ConsistentRead: true } },
    });
    expect(result.Responses?.t).toEqual([{ pk: 'a', n: 1 }]);
  });

  it('marshals batch writes and gives back unprocessed ones in native values', async () => {
    const { requests, client } = fakeDynamo([
      { UnprocessedItems: { t: [{ DeleteRequest: { Key: { pk: { S: 'b' } } } }] } },
    ]);
    const result = await client.send(
      new BatchWriteCommand({
        RequestItems: {
          t: [{ PutRequest: { Item: { pk: 'a', n: 1 } } }, { DeleteRequest: { Key: { pk: 'b' } } }],
        },
      }),
    );
    expect(requests[0]).toEqual({
      target: 'DynamoDB_20120810.BatchWriteItem',
      body: {
        RequestItems: {
          t: [
            { PutRequest: { Item: { pk: { S: 'a' }, n: { N: '1' } } } },
            { DeleteRequest: { Key: { pk: { S: 'b' } } } },
          ],
        },
      },
    });
    expect(result.UnprocessedItems).toEqual({ t: [{ DeleteRequest: { Key: { pk: 'b' } } }] });
  });

  it('takes lib-dynamodb’s commands too, by their name', async () => {
    const { requests, client } = fakeDynamo([{}]);
    await client.send(
      new SdkPutCommand({ TableName: 't', Item: { pk: 'a', n: 2 } }) as unknown as PutCommand,
    );
    expect(requests[0]).toEqual({
      target: 'DynamoDB_20120810.PutItem',
      body: { TableName: 't', Item: { pk: { S: 'a' }, n: { N: '2' } } },
    });
  });

  it('turns a failed condition into the SDK’s ConditionalCheckFailedException, with the item, at once', async () => {
    const { requests, client } = fakeDynamo([
      [
        400,
        {
          __type: 'com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException',
          message: 'failed',
          Item: { pk: { S: 'a' } },
        },
      ],
    ]);
    const error = await client
      .send(
        new PutCommand({
          TableName: 't',
          Item: { pk: 'a' },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      )
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConditionalCheckFailedException);
    expect((error as ConditionalCheckFailedException).Item).toEqual({ pk: { S: 'a' } });
    expect(requests).toHaveLength(1);
  });

  it('tries again when DynamoDB throttles, fails on its side or does not answer, up to its attempts', async () => {
    const { requests, client } = fakeDynamo([
      [
        400,
        {
          __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
          message: 'slow down',
        },
      ],
      new Error('socket hang up'),
      { Attributes: { lastSeq: { N: '3' } } },
    ]);
    const result = await client.send(
      new UpdateCommand({
        TableName: 't',
        Key: { pk: 'a' },
        UpdateExpression: 'ADD lastSeq :one',
        ExpressionAttributeValues: { ':one': 1 },
      }),
    );
    expect(result.Attributes).toEqual({ lastSeq: 3 });
    expect(requests).toHaveLength(3);

    const failing = fakeDynamo([
      [500, { message: 'oops' }],
      [503, {}],
      [500, {}],
    ]);
    const error = await failing.client
      .send(new PutCommand({ TableName: 't', Item: { pk: 'a' } }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DynamoDBError);
    expect(failing.requests).toHaveLength(3);
  });

  it('does not repeat a call DynamoDB refused as invalid', async () => {
    const { requests, client } = fakeDynamo([
      [400, { __type: 'com.amazon.coral.validate#ValidationException', message: 'bad key' }],
    ]);
    const error = await client
      .send(new PutCommand({ TableName: 't', Item: { pk: 'a' } }))
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: 'bad key',
      $metadata: { httpStatusCode: 400 },
    });
    expect(requests).toHaveLength(1);
  });
});
