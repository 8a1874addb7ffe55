// Packages the service as CloudFormation (osls package, no AWS credentials) and checks the
// production rules of issue 6 on the generated template: least-privilege roles, the runtime, the
// table's protection, Cognito, API throttling and CORS, alarms, the CDN. Each test names its rule.
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import yaml from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_ADMIN_GROUP } from '../backend/src/auth/identity.js';
import { MODERATION_ROUTES } from '../backend/src/handlers/ws/moderation.js';
import { METRIC, METRICS_NAMESPACE, METRICS_SERVICE } from '../backend/src/metrics.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const run = promisify(execFile);

/** A CloudFormation resource, read loosely: tests navigate it with `get`. */
interface Resource {
  Type: string;
  Properties: Record<string, unknown>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
  DependsOn?: string | string[];
}

interface Template {
  Resources: Record<string, Resource>;
  Outputs: Record<string, { Value: unknown }>;
}

/** A packaged stage: its template and the folder holding its zips. */
interface Packaged {
  template: Template;
  dir: string;
}

/** Values a developer's shell may hold from the local stack; a deploy must never pick them up. */
const DEPLOYER_SHELL = {
  GUEST_TOKEN_SECRET: 'deployer-shell-secret-0123456789-0123456789',
  COGNITO_USER_POOL_ID: 'local_deployerShellPool',
  COGNITO_CLIENT_ID: 'deployershellclient',
  COGNITO_ISSUER: 'http://127.0.0.1:9229/local_deployerShellPool',
  DYNAMODB_ENDPOINT: 'http://127.0.0.1:8000',
  CONNECTIONS_URL: 'http://localhost:3001',
  RATE_LIMIT_GUEST: '987654',
};

/** The templates the tests read: prod, dev, and prod with the provisioned-capacity option. */
let packaged: Record<'prod' | 'dev' | 'provisioned', Packaged>;
const tempDirs: string[] = [];

/** Runs `osls package` for a stage into a temporary folder, without AWS credentials. */
async function packageStage(stage: string, extraArgs: string[] = []): Promise<Packaged> {
  const dir = mkdtempSync(join(tmpdir(), `chat-template-${stage}-`));
  const workFolder = `.esbuild/template-test-${process.pid}-${tempDirs.length}`;
  tempDirs.push(dir, join(ROOT, workFolder));
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // No credentials, no region, no profile: packaging must work offline.
    if (!key.startsWith('AWS_') && key !== 'ALARM_EMAIL') env[key] = value;
  }
  Object.assign(env, DEPLOYER_SHELL, {
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    FORCE_COLOR: '0',
    ESBUILD_WORK_FOLDER: workFolder,
  });
  const cli = require.resolve('osls/bin/serverless.js');
  try {
    await run(process.execPath, [cli, 'package', '--stage', stage, '--package', dir, ...extraArgs], {
      cwd: ROOT,
      env,
      timeout: 90_000,
    });
  } catch (error) {
    const { stdout, stderr } = error as { stdout?: string; stderr?: string };
    throw new Error(`osls package --stage ${stage} ${extraArgs.join(' ')} failed:\n${stdout}\n${stderr}`);
  }
  const template = JSON.parse(readFileSync(join(dir, 'cloudformation-template-update-stack.json'), 'utf8'));
  return { template, dir };
}

// One after another: osls stages every build in the service's own .serverless/ folder (and removes
// it afterwards), so concurrent runs would overwrite each other's files.
beforeAll(async () => {
  const prod = await packageStage('prod');
  const dev = await packageStage('dev');
  const provisioned = await packageStage('prod', ['--param=tableBilling=provisioned']);
  packaged = { prod, dev, provisioned };
}, 180_000);

afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A value inside a JSON tree by a dotted path (`Properties.Environment.Variables`). */
function get(value: unknown, path: string): unknown {
  let current = value;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** A value as a list (CloudFormation allows a single item where a list is expected). */
function list(value: unknown): unknown[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function resourcesOf(template: Template, type: string): [string, Resource][] {
  return Object.entries(template.Resources).filter(([, resource]) => resource.Type === type);
}

function resource(template: Template, id: string): Resource {
  const found = template.Resources[id];
  if (!found) throw new Error(`no resource ${id} in the template`);
  return found;
}

/** The functions, by their serverless.yml name (the FunctionName after `org-chat-<stage>-`). */
/** The functions that issue or verify tokens. */
const TOKEN_FUNCTIONS = ['authorizer', 'guest', 'link', 'session'];

function functionsOf(template: Template): Map<string, { id: string; props: Record<string, unknown> }> {
  const found = new Map<string, { id: string; props: Record<string, unknown> }>();
  for (const [id, fn] of resourcesOf(template, 'AWS::Lambda::Function')) {
    const name = String(fn.Properties.FunctionName).replace(/^org-chat-[a-z]+-/, '');
    found.set(name, { id, props: fn.Properties });
  }
  return found;
}

interface Statement {
  Sid?: string;
  Effect: string;
  Action: string | string[];
  Resource?: unknown;
  Principal?: unknown;
  Condition?: unknown;
}

/** Every statement of every policy document in the template: role policies, bucket and topic policies. */
function allStatements(template: Template): { where: string; statement: Statement }[] {
  const found: { where: string; statement: Statement }[] = [];
  for (const [id, res] of Object.entries(template.Resources)) {
    const documents: unknown[] = [];
    if (res.Type === 'AWS::IAM::Role') {
      documents.push(res.Properties.AssumeRolePolicyDocument);
      for (const policy of list(res.Properties.Policies)) documents.push(get(policy, 'PolicyDocument'));
    } else if (res.Properties && 'PolicyDocument' in res.Properties) {
      documents.push(res.Properties.PolicyDocument);
    }
    for (const document of documents) {
      for (const statement of list(get(document, 'Statement'))) {
        found.push({ where: id, statement: statement as Statement });
      }
    }
  }
  return found;
}

/** The statements of one role's inline policies. */
function roleStatements(role: Resource): Statement[] {
  return list(role.Properties.Policies).flatMap(
    (policy) => list(get(policy, 'PolicyDocument.Statement')) as Statement[],
  );
}

/** The role a function runs as: the logical id in its `Role: !GetAtt <id>.Arn`. */
function roleIdOf(props: Record<string, unknown>): string | undefined {
  const role = get(props, 'Role.Fn::GetAtt') as string[] | undefined;
  return role?.[1] === 'Arn' ? role[0] : undefined;
}

/**
 * What each handler calls, read from backend/src/handlers/** and backend/src/store/**: DynamoDB
 * actions on the table, a Query on the gsi1 index (presence), and PostToConnection (fan-out).
 * A new function needs its row here: the test below fails until it has one.
 */
/**
 * What each function's handler calls: table actions, the gsi1 (users) and bySeq (positions) indexes,
 * POST and DELETE on @connections, invoking the fan-out worker, and the departures queue.
 */
interface Access {
  table: string[];
  gsi1?: boolean;
  bySeq?: boolean;
  post?: boolean;
  close?: boolean;
  invoke?: boolean;
  departures?: string[];
}

// Every action route may add to the identity's rate count (UpdateItem) and close an abusive socket.
const ROUTE = { close: true };
const FANS_OUT = { post: true, close: true };
const ACCESS: Record<string, Access> = {
  authorizer: { table: [] },
  connect: { table: ['BatchGetItem', 'DeleteItem', 'PutItem'], gsi1: true },
  // Marks subscriptions departing and queues the departure; announces it itself if the queue fails.
  disconnect: { table: ['DeleteItem', 'Query', 'UpdateItem'], ...FANS_OUT, departures: ['SendMessage'] },
  // Lambda's SQS poller reads and deletes the queue's messages as the function's role.
  departures: {
    table: ['DeleteItem', 'Query'],
    ...FANS_OUT,
    departures: ['DeleteMessage', 'GetQueueAttributes', 'ReceiveMessage'],
  },
  default: { table: ['UpdateItem'], ...ROUTE },
  join: {
    table: ['BatchGetItem', 'DeleteItem', 'PutItem', 'Query', 'UpdateItem'],
    bySeq: true,
    ...FANS_OUT,
  },
  send: {
    table: ['BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
    ...FANS_OUT,
    invoke: true,
  },
  history: { table: ['BatchGetItem', 'UpdateItem'], bySeq: true, ...ROUTE },
  leave: { table: ['DeleteItem', 'Query', 'UpdateItem'], ...FANS_OUT },
  typing: { table: ['DeleteItem', 'GetItem', 'Query', 'UpdateItem'], ...FANS_OUT },
  create: { table: ['BatchGetItem', 'DeleteItem', 'Query', 'UpdateItem'], gsi1: true, ...FANS_OUT },
  addMember: { table: ['BatchGetItem', 'PutItem', 'UpdateItem'], ...ROUTE },
  removeMember: { table: ['BatchGetItem', 'DeleteItem', 'Query', 'UpdateItem'], gsi1: true, ...FANS_OUT },
  fanout: { table: ['DeleteItem'], ...FANS_OUT },
  moderation: {
    table: ['BatchGetItem', 'DeleteItem', 'GetItem', 'PutItem', 'Query', 'UpdateItem'],
    gsi1: true,
    bySeq: true,
    ...FANS_OUT,
    invoke: true,
  },
  moderationHook: { table: [] },
  guest: { table: ['GetItem', 'UpdateItem'] },
  link: { table: ['DeleteItem', 'Query', 'UpdateItem'], gsi1: true, ...FANS_OUT, invoke: true },
  session: { table: ['UpdateItem'] },
  health: { table: [] },
};

const TABLE_ARN = { 'Fn::GetAtt': ['ChatTable', 'Arn'] };
const INDEX_ARN = { 'Fn::Sub': `\${ChatTable.Arn}/index/gsi1` };
const BY_SEQ_ARN = { 'Fn::Sub': `\${ChatTable.Arn}/index/bySeq` };
const connectionsArn = (method: string) => ({
  'Fn::Sub': `arn:\${AWS::Partition}:execute-api:\${AWS::Region}:\${AWS::AccountId}:\${WebsocketsApi}/prod/${method}/@connections/*`,
});

describe('packaging', () => {
  it('builds the prod template offline, with no AWS credentials', () => {
    expect(Object.keys(packaged.prod.template.Resources).length).toBeGreaterThan(50);
  });

  it('bundles every function on its own, into one small zip each', () => {
    const { template, dir } = packaged.prod;
    const zips = readdirSync(dir).filter((file) => file.endsWith('.zip'));
    for (const [name, { props }] of functionsOf(template)) {
      expect(get(props, 'Code.S3Key'), name).toMatch(new RegExp(`/${name}\\.zip$`));
      expect(zips).toContain(`${name}.zip`);
      // Bundled with esbuild, with the tree-shaken parts of the AWS SDK each uses: well under a megabyte.
      expect(statSync(join(dir, `${name}.zip`)).size, name).toBeLessThan(1024 * 1024);
    }
  });
});

describe('functions', () => {
  it('run nodejs22.x on arm64 with timeouts of at most 10 s (the fan-out worker 60 s)', () => {
    for (const [name, { props }] of functionsOf(packaged.prod.template)) {
      expect(props.Runtime, name).toBe('nodejs22.x');
      expect(props.Architectures, name).toEqual(['arm64']);
      expect(props.Timeout, name).toBeLessThanOrEqual(name === 'fanout' ? 60 : 10);
    }
  });

  it('never retries a fan-out batch (a retry would post its frames twice)', () => {
    expect(resource(packaged.prod.template, 'FanoutLambdaEvConf').Properties.MaximumRetryAttempts).toBe(0);
  });

  it('defers departures through an SQS delay queue: batches, failures retried alone, a dead-letter queue watched', () => {
    const { template } = packaged.prod;
    const mapping = resource(template, 'DeparturesEventSourceMappingSQSDeparturesQueue');
    expect(get(mapping, 'Properties.EventSourceArn')).toEqual({ 'Fn::GetAtt': ['DeparturesQueue', 'Arn'] });
    expect(get(mapping, 'Properties.FunctionResponseTypes')).toEqual(['ReportBatchItemFailures']);
    expect(get(mapping, 'Properties.ScalingConfig.MaximumConcurrency')).toBeGreaterThanOrEqual(2);
    const queue = resource(template, 'DeparturesQueue');
    // AWS advises a visibility timeout of six times the function's timeout.
    const timeout = get(resource(template, 'DeparturesLambdaFunction'), 'Properties.Timeout') as number;
    expect(get(queue, 'Properties.VisibilityTimeout')).toBeGreaterThanOrEqual(6 * timeout);
    expect(get(queue, 'Properties.RedrivePolicy.deadLetterTargetArn')).toEqual({
      'Fn::GetAtt': ['DeparturesDeadLetterQueue', 'Arn'],
    });
    expect(get(resource(template, 'DeparturesFailedAlarm'), 'Properties.AlarmActions')).toEqual([
      { Ref: 'AlarmTopic' },
    ]);
    const env = get(resource(template, 'DisconnectLambdaFunction'), 'Properties.Environment.Variables');
    expect(env).toMatchObject({ DEPARTURES_QUEUE_URL: { Ref: 'DeparturesQueue' }, SQS_ENDPOINT: '' });
    expect(Number((env as Record<string, string>).PRESENCE_GRACE_SECONDS)).toBeGreaterThan(0);
  });

  it('reserves concurrency for the connection path in prod, and none in dev (new accounts have little)', () => {
    for (const name of ['Authorizer', 'Connect', 'Disconnect']) {
      expect(
        resource(packaged.prod.template, `${name}LambdaFunction`).Properties.ReservedConcurrentExecutions,
      ).toBe(50);
      expect(
        resource(packaged.dev.template, `${name}LambdaFunction`).Properties.ReservedConcurrentExecutions,
      ).toBeUndefined();
    }
  });

  it('answers ping with a MOCK route the deployment includes: no function per heartbeat', () => {
    const { template } = packaged.prod;
    expect(resource(template, 'PingIntegration').Properties.IntegrationType).toBe('MOCK');
    expect(resource(template, 'PingRoute').Properties.RouteKey).toBe('ping');
    const deployment = Object.values(
      template.Resources as Record<string, { Type: string; DependsOn?: string[] }>,
    ).find((r) => r.Type === 'AWS::ApiGatewayV2::Deployment');
    expect(deployment?.DependsOn).toEqual(expect.arrayContaining(['PingRoute', 'PingRouteResponse']));
    expect([...functionsOf(template).keys()]).not.toContain('ping');
  });

  it("take the table, pool and client ids and the guest key from this stack's resources", () => {
    const { template } = packaged.prod;
    const tableName = resource(template, 'ChatTable').Properties.TableName;
    for (const [name, { props }] of functionsOf(template)) {
      const env = get(props, 'Environment.Variables') as Record<string, unknown>;
      expect(env.TABLE_NAME, name).toBe(tableName);
      // Empty: the AWS SDK's own endpoints.
      expect(env.DYNAMODB_ENDPOINT, name).toBe('');
      expect(env.CONNECTIONS_URL, name).toBe('');
      if (!TOKEN_FUNCTIONS.includes(name)) continue;
      expect(env.COGNITO_USER_POOL_ID, name).toEqual({ Ref: 'UserPool' });
      expect(env.COGNITO_CLIENT_ID, name).toEqual({ Ref: 'UserPoolClient' });
      expect(env.GUEST_TOKEN_SECRET, name).toEqual({
        'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: 'GuestTokenSecret' }, ':SecretString}}']],
      });
      // Empty: the issuer is derived from region and pool id.
      expect(env.COGNITO_ISSUER, name).toBe('');
    }
  });

  it('give the guest-token key and pool settings only to the functions that issue or verify tokens', () => {
    const holders = [...functionsOf(packaged.prod.template)]
      .filter(([, { props }]) => 'GUEST_TOKEN_SECRET' in (get(props, 'Environment.Variables') as object))
      .map(([name]) => name)
      .sort();
    expect(holders).toEqual(TOKEN_FUNCTIONS);
  });

  it('tell every function its stage: the `stage` dimension of its metrics', () => {
    for (const stage of ['prod', 'dev'] as const) {
      for (const [name, { props }] of functionsOf(packaged[stage].template)) {
        expect(get(props, 'Environment.Variables.STAGE'), `${stage} ${name}`).toBe(stage);
      }
    }
  });

  it("never pick up the deployer's local-stack environment variables", () => {
    for (const stage of ['prod', 'dev'] as const) {
      const text = JSON.stringify(packaged[stage].template);
      for (const [name, value] of Object.entries(DEPLOYER_SHELL)) {
        expect(text.includes(value), `${stage}: ${name} leaked into the template`).toBe(false);
      }
    }
  });
});

describe('IAM: one least-privilege role per function', () => {
  it('gives every function a role of its own (no shared default role)', () => {
    const { template } = packaged.prod;
    const seen = new Map<string, string>();
    for (const [name, { props }] of functionsOf(template)) {
      const roleId = roleIdOf(props);
      expect(roleId, `${name} has no role of its own`).toBeDefined();
      expect(resource(template, roleId as string).Type).toBe('AWS::IAM::Role');
      expect(seen.get(roleId as string), `${name} shares ${roleId}`).toBeUndefined();
      seen.set(roleId as string, name);
    }
    expect(template.Resources.IamRoleLambdaExecution).toBeUndefined();
    expect(resourcesOf(template, 'AWS::IAM::Role')).toHaveLength(seen.size);
  });

  it('has no wildcard action in any Allow statement', () => {
    for (const { template } of Object.values(packaged)) {
      for (const { where, statement } of allStatements(template)) {
        if (statement.Effect !== 'Allow') continue;
        for (const action of list(statement.Action)) {
          expect(String(action), `${where} ${statement.Sid ?? ''}`).not.toContain('*');
        }
      }
    }
  });

  it('has no `*` resource in any Allow statement', () => {
    for (const { template } of Object.values(packaged)) {
      for (const { where, statement } of allStatements(template)) {
        if (statement.Effect !== 'Allow') continue;
        for (const target of list(statement.Resource)) {
          expect(target, `${where} ${statement.Sid ?? ''}`).not.toBe('*');
          // A `*` for a whole service or account (`…:*`); `…/@connections/*` and `bucket/*` name objects.
          const sub = get(target, 'Fn::Sub');
          if (typeof sub === 'string') expect(sub, where).not.toMatch(/^\*$|:\*$/);
        }
      }
    }
  });

  it('grants each function exactly the actions its handler uses (the ACCESS matrix)', () => {
    const { template } = packaged.prod;
    const functions = functionsOf(template);
    expect([...functions.keys()].sort(), 'a function without an ACCESS row').toEqual(
      Object.keys(ACCESS).sort(),
    );
    for (const [name, { props }] of functions) {
      const statements = roleStatements(resource(template, roleIdOf(props) as string));
      const actionsOn = (target: unknown) =>
        statements
          .filter((s) => list(s.Resource).some((r) => JSON.stringify(r) === JSON.stringify(target)))
          .flatMap((s) => list(s.Action).map(String))
          .sort();
      const expected = ACCESS[name] as Access;
      expect(actionsOn(TABLE_ARN), `${name} on the table`).toEqual(
        expected.table.map((a) => `dynamodb:${a}`),
      );
      expect(actionsOn(INDEX_ARN), `${name} on gsi1`).toEqual(expected.gsi1 ? ['dynamodb:Query'] : []);
      expect(actionsOn(BY_SEQ_ARN), `${name} on bySeq`).toEqual(expected.bySeq ? ['dynamodb:Query'] : []);
      expect(actionsOn(connectionsArn('POST')), `${name} posting to connections`).toEqual(
        expected.post ? ['execute-api:ManageConnections'] : [],
      );
      expect(actionsOn(connectionsArn('DELETE')), `${name} closing connections`).toEqual(
        expected.close ? ['execute-api:ManageConnections'] : [],
      );
      expect(
        actionsOn({ 'Fn::GetAtt': ['FanoutLambdaFunction', 'Arn'] }),
        `${name} invoking workers`,
      ).toEqual(expected.invoke ? ['lambda:InvokeFunction'] : []);
      expect(
        actionsOn({ 'Fn::GetAtt': ['DeparturesQueue', 'Arn'] }),
        `${name} on the departures queue`,
      ).toEqual((expected.departures ?? []).map((a) => `sqs:${a}`));
      const services = new Set(statements.flatMap((s) => list(s.Action).map((a) => String(a).split(':')[0])));
      for (const service of services)
        expect(['logs', 'dynamodb', 'execute-api', 'lambda', 'sqs'], name).toContain(service);
    }
  });

  it('lets each function write only to its own log group', () => {
    const { template } = packaged.prod;
    for (const [name, { id, props }] of functionsOf(template)) {
      const logGroupId = id.replace(/LambdaFunction$/, 'LogGroup');
      const logs = roleStatements(resource(template, roleIdOf(props) as string)).filter((s) =>
        list(s.Action).some((a) => String(a).startsWith('logs:')),
      );
      expect(logs, name).toHaveLength(1);
      expect(list(logs[0]?.Action).sort(), name).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents']);
      expect(list(logs[0]?.Resource), name).toEqual([{ 'Fn::GetAtt': [logGroupId, 'Arn'] }]);
    }
  });

  it('scopes DynamoDB to the chat table and its two indexes', () => {
    for (const [, role] of resourcesOf(packaged.prod.template, 'AWS::IAM::Role')) {
      for (const statement of roleStatements(role)) {
        if (!list(statement.Action).some((a) => String(a).startsWith('dynamodb:'))) continue;
        for (const target of list(statement.Resource))
          expect([TABLE_ARN, INDEX_ARN, BY_SEQ_ARN]).toContainEqual(target);
      }
    }
  });

  it('scopes execute-api:ManageConnections to POST and DELETE @connections of this WebSocket API stage', () => {
    for (const [, role] of resourcesOf(packaged.prod.template, 'AWS::IAM::Role')) {
      for (const statement of roleStatements(role)) {
        if (!list(statement.Action).includes('execute-api:ManageConnections')) continue;
        for (const target of list(statement.Resource))
          expect([connectionsArn('POST'), connectionsArn('DELETE')]).toContainEqual(target);
      }
    }
  });

  it('lets send and moderation invoke the moderation hook a stage names, and nothing when it names none', () => {
    expect(packaged.prod.template.Resources.ModerationHookInvokePolicy).toBeUndefined();
    const policy = resource(packaged.dev.template, 'ModerationHookInvokePolicy');
    expect(policy.Type).toBe('AWS::IAM::Policy');
    expect(policy.Properties.Roles).toEqual([{ Ref: 'SendRole' }, { Ref: 'ModerationRole' }]);
    expect(get(policy, 'Properties.PolicyDocument.Statement')).toEqual([
      {
        Sid: 'ModerationHook',
        Effect: 'Allow',
        Action: 'lambda:InvokeFunction',
        Resource: {
          'Fn::Sub': `arn:\${AWS::Partition}:lambda:\${AWS::Region}:\${AWS::AccountId}:function:org-chat-dev-moderationHook`,
        },
      },
    ]);
    // The function it names is the sample the template deploys.
    expect(functionsOf(packaged.dev.template).has('moderationHook')).toBe(true);
    const env = (stage: 'prod' | 'dev') =>
      get(functionsOf(packaged[stage].template).get('send')?.props, 'Environment.Variables') as Record<
        string,
        unknown
      >;
    expect(env('dev').MODERATION_HOOK).toBe('org-chat-dev-moderationHook');
    expect(env('prod').MODERATION_HOOK).toBe('');
  });

  it('lets only its own APIs invoke the functions (SourceArn on every Lambda permission)', () => {
    const permissions = resourcesOf(packaged.prod.template, 'AWS::Lambda::Permission');
    expect(permissions.length).toBeGreaterThan(0);
    for (const [id, permission] of permissions) {
      expect(permission.Properties.SourceArn, id).toBeDefined();
      expect(JSON.stringify(permission.Properties.SourceArn), id).toMatch(/WebsocketsApi|HttpApi/);
    }
  });
});

describe('DynamoDB', () => {
  const table = () => resource(packaged.prod.template, 'ChatTable');

  it('keeps the key schema and the gsi1 index of backend/table.yml (shared with the local stack)', () => {
    const local = yaml.load(readFileSync(join(ROOT, 'backend/table.yml'), 'utf8')) as Resource;
    for (const { template } of Object.values(packaged)) {
      const props = resource(template, 'ChatTable').Properties;
      expect(props.KeySchema).toEqual(local.Properties.KeySchema);
      expect(props.AttributeDefinitions).toEqual(local.Properties.AttributeDefinitions);
      const indexes = list(props.GlobalSecondaryIndexes).map((index) => ({
        IndexName: get(index, 'IndexName'),
        KeySchema: get(index, 'KeySchema'),
        Projection: get(index, 'Projection'),
      }));
      expect(indexes).toEqual(local.Properties.GlobalSecondaryIndexes);
    }
  });

  it('is on-demand by default', () => {
    expect(table().Properties.BillingMode).toBe('PAY_PER_REQUEST');
    expect(table().Properties.ProvisionedThroughput).toBeUndefined();
  });

  it('expires items by TTL on the `ttl` attribute', () => {
    expect(table().Properties.TimeToLiveSpecification).toEqual({ AttributeName: 'ttl', Enabled: true });
  });

  it('has point-in-time recovery', () => {
    expect(get(table().Properties, 'PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled')).toBe(true);
  });

  it('is encrypted at rest with KMS', () => {
    expect(table().Properties.SSESpecification).toEqual({ SSEEnabled: true, SSEType: 'KMS' });
  });

  it('is deletion-protected and retained on prod, not on dev', () => {
    expect(table().Properties.DeletionProtectionEnabled).toBe(true);
    expect(table().DeletionPolicy).toBe('Retain');
    expect(table().UpdateReplacePolicy).toBe('Retain');
    const dev = resource(packaged.dev.template, 'ChatTable');
    expect(dev.Properties.DeletionProtectionEnabled).toBe(false);
    expect(dev.DeletionPolicy).toBe('Delete');
  });

  it('offers provisioned capacity with target-tracking auto scaling of the table and its index', () => {
    const { template } = packaged.provisioned;
    const props = resource(template, 'ChatTable').Properties;
    expect(props.BillingMode).toBe('PROVISIONED');
    expect(get(props, 'ProvisionedThroughput.ReadCapacityUnits')).toBeGreaterThan(0);
    expect(
      get(list(props.GlobalSecondaryIndexes)[0], 'ProvisionedThroughput.WriteCapacityUnits'),
    ).toBeGreaterThan(0);
    const dimensions = resourcesOf(template, 'AWS::ApplicationAutoScaling::ScalableTarget').map(
      ([, target]) => target.Properties.ScalableDimension,
    );
    expect(dimensions.sort()).toEqual([
      'dynamodb:index:ReadCapacityUnits',
      'dynamodb:index:WriteCapacityUnits',
      'dynamodb:table:ReadCapacityUnits',
      'dynamodb:table:WriteCapacityUnits',
    ]);
    const policies = resourcesOf(template, 'AWS::ApplicationAutoScaling::ScalingPolicy');
    expect(policies).toHaveLength(4);
    for (const [id, policy] of policies)
      expect(policy.Properties.PolicyType, id).toBe('TargetTrackingScaling');
    expect(resourcesOf(packaged.prod.template, 'AWS::ApplicationAutoScaling::ScalableTarget')).toHaveLength(
      0,
    );
  });
});

describe('Cognito', () => {
  const pool = () => resource(packaged.prod.template, 'UserPool').Properties;
  const client = () => resource(packaged.prod.template, 'UserPoolClient').Properties;

  it('signs users in by email with a password of at least 10 characters of mixed classes', () => {
    expect(pool().UsernameAttributes).toEqual(['email']);
    expect(pool().AutoVerifiedAttributes).toEqual(['email']);
    const policy = get(pool(), 'Policies.PasswordPolicy') as Record<string, unknown>;
    expect(policy.MinimumLength).toBeGreaterThanOrEqual(10);
    expect(policy).toMatchObject({ RequireLowercase: true, RequireUppercase: true, RequireNumbers: true });
  });

  it('offers optional TOTP MFA and recovery by verified email', () => {
    expect(pool().MfaConfiguration).toBe('OPTIONAL');
    expect(pool().EnabledMfas).toEqual(['SOFTWARE_TOKEN_MFA']);
    expect(get(pool(), 'AccountRecoverySetting.RecoveryMechanisms')).toEqual([
      { Name: 'verified_email', Priority: 1 },
    ]);
  });

  it('has the site admins group the authorizer reads from `cognito:groups`', () => {
    const group = resource(packaged.prod.template, 'SiteAdminsGroup');
    expect(group.Type).toBe('AWS::Cognito::UserPoolGroup');
    expect(group.Properties.GroupName).toBe(SITE_ADMIN_GROUP);
    expect(group.Properties.UserPoolId).toEqual({ Ref: 'UserPool' });
  });

  it('protects the prod pool from deletion', () => {
    expect(pool().DeletionProtection).toBe('ACTIVE');
    expect(resource(packaged.prod.template, 'UserPool').DeletionPolicy).toBe('Retain');
  });

  it('gives the SDK a client with SRP and refresh only, no secret, and set token lifetimes', () => {
    expect(client().GenerateSecret).toBe(false);
    expect(client().ExplicitAuthFlows).toEqual(['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
    expect(client().TokenValidityUnits).toEqual({
      IdToken: 'minutes',
      AccessToken: 'minutes',
      RefreshToken: 'days',
    });
    // Above the SDK's 5-minute refresh margin, at most an hour.
    for (const key of ['IdTokenValidity', 'AccessTokenValidity']) {
      expect(client()[key], key).toBeGreaterThan(5);
      expect(client()[key], key).toBeLessThanOrEqual(60);
    }
    expect(client().RefreshTokenValidity).toBeGreaterThan(0);
    expect(client().EnableTokenRevocation).toBe(true);
    expect(client().PreventUserExistenceErrors).toBe('ENABLED');
  });
});

describe('guest-token secret', () => {
  it('reaches only the token functions, and the verifiers update before POST /guest signs with a new key', () => {
    const { template } = packaged.prod;
    const dependsOn = list(resource(template, 'GuestLambdaFunction').DependsOn);
    expect(dependsOn).toEqual(
      expect.arrayContaining(['AuthorizerLambdaFunction', 'SessionLambdaFunction', 'LinkLambdaFunction']),
    );
  });

  it('sets the identity bound and the per-IP limit on the token functions, from the stage', () => {
    for (const name of ['guest', 'session', 'link']) {
      const env = get(
        functionsOf(packaged.prod.template).get(name)?.props,
        'Environment.Variables',
      ) as Record<string, unknown>;
      expect(env.GUEST_IDENTITY_MAX_AGE_SECONDS, name).toBe('2592000');
      expect(Number(env.IP_LIMIT_REQUESTS), name).toBeGreaterThan(0);
      expect(Number(env.IP_LIMIT_WINDOW_SECONDS), name).toBeGreaterThan(0);
    }
  });

  it("gives POST /link the WebSocket API's stage URL, where it posts identity frames", () => {
    const env = get(
      functionsOf(packaged.prod.template).get('link')?.props,
      'Environment.Variables',
    ) as Record<string, unknown>;
    expect(env.WEBSOCKET_ENDPOINT).toEqual({
      'Fn::Sub': `https://\${WebsocketsApi}.execute-api.\${AWS::Region}.\${AWS::URLSuffix}/prod`,
    });
  });

  it('is generated by Secrets Manager, at least 32 characters, never written in the template', () => {
    const secret = resource(packaged.prod.template, 'GuestTokenSecret');
    expect(secret.Type).toBe('AWS::SecretsManager::Secret');
    expect(get(secret.Properties, 'GenerateSecretString.PasswordLength')).toBeGreaterThanOrEqual(32);
    expect(secret.Properties.SecretString).toBeUndefined();
  });
});

describe('API Gateway', () => {
  it('keeps the WebSocket routes, with the token authorizer on $connect', () => {
    const { template } = packaged.prod;
    const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route')
      .filter(([, route]) => JSON.stringify(route.Properties.ApiId) === '{"Ref":"WebsocketsApi"}')
      .map(([, route]) => route.Properties);
    expect(routes.map((route) => route.RouteKey).sort()).toEqual(
      [
        '$connect',
        '$default',
        '$disconnect',
        'add_member',
        'create',
        'history',
        'join',
        'leave',
        'ping',
        'remove_member',
        'send',
        'typing',
        ...MODERATION_ROUTES,
      ].sort(),
    );
    // Each moderation route reaches the moderation function, whose dispatcher serves exactly these.
    const moderationIntegration = JSON.stringify({
      'Fn::Join': ['/', ['integrations', { Ref: 'ModerationWebsocketsIntegration' }]],
    });
    for (const route of routes.filter((r) => MODERATION_ROUTES.includes(r.RouteKey as string))) {
      expect(JSON.stringify(route.Target), String(route.RouteKey)).toBe(moderationIntegration);
    }
    const connect = routes.find((route) => route.RouteKey === '$connect');
    expect(connect?.AuthorizationType).toBe('CUSTOM');
    expect(connect?.AuthorizerId).toEqual({ Ref: 'AuthorizerWebsocketsAuthorizer' });
    expect(resource(template, 'AuthorizerWebsocketsAuthorizer').Properties.IdentitySource).toEqual([
      'route.request.header.Sec-WebSocket-Protocol',
    ]);
  });

  it('keeps the HTTP routes POST /guest, GET /session, POST /link and GET /health', () => {
    const keys = resourcesOf(packaged.prod.template, 'AWS::ApiGatewayV2::Route')
      .filter(([, route]) => JSON.stringify(route.Properties.ApiId) === '{"Ref":"HttpApi"}')
      .map(([, route]) => route.Properties.RouteKey);
    expect(keys.sort()).toEqual(['GET /health', 'GET /session', 'POST /guest', 'POST /link']);
  });

  it('lets browsers send a token to GET /session and read a 429 Retry-After (CORS)', () => {
    const cors = get(resource(packaged.prod.template, 'HttpApi').Properties, 'CorsConfiguration');
    expect(list(get(cors, 'AllowHeaders'))).toEqual(
      expect.arrayContaining(['Authorization', 'Content-Type']),
    );
    expect(list(get(cors, 'ExposeHeaders'))).toContain('Retry-After');
    expect(list(get(cors, 'AllowMethods'))).toEqual(expect.arrayContaining(['GET', 'POST']));
  });

  it('throttles both stages (rate and burst)', () => {
    for (const id of ['WebsocketsDeploymentStage', 'HttpApiStage']) {
      const settings = get(resource(packaged.prod.template, id).Properties, 'DefaultRouteSettings');
      expect(get(settings, 'ThrottlingRateLimit'), id).toBeGreaterThan(0);
      expect(get(settings, 'ThrottlingBurstLimit'), id).toBeGreaterThan(0);
    }
  });

  it('limits HTTP API CORS to the configured origins and the widget CDN, never `*`', () => {
    for (const stage of ['prod', 'dev'] as const) {
      const cors = get(resource(packaged[stage].template, 'HttpApi').Properties, 'CorsConfiguration');
      const origins = list(get(cors, 'AllowOrigins'));
      expect(origins, stage).not.toContain('*');
      expect(origins, stage).toContainEqual({ 'Fn::Sub': `https://\${WidgetCdn.DomainName}` });
      for (const origin of origins.filter((o) => typeof o === 'string')) {
        expect(origin, stage).toMatch(/^https?:\/\/[^*/]+$/);
      }
      expect(get(cors, 'AllowCredentials'), stage).toBeFalsy();
    }
  });
});

describe('observability', () => {
  const alarms = () =>
    resourcesOf(packaged.prod.template, 'AWS::CloudWatch::Alarm').map(([, a]) => a.Properties);
  /** Alarms on a metric (a plain metric, or one inside a metric-math alarm). */
  const alarmsOn = (namespace: string, metric: string) =>
    alarms().filter(
      (alarm) =>
        (alarm.Namespace === namespace && alarm.MetricName === metric) ||
        list(alarm.Metrics).some(
          (m) =>
            get(m, 'MetricStat.Metric.Namespace') === namespace &&
            get(m, 'MetricStat.Metric.MetricName') === metric,
        ),
    );

  it('keeps every log group for a set number of days', () => {
    const groups = resourcesOf(packaged.prod.template, 'AWS::Logs::LogGroup');
    expect(groups.length).toBeGreaterThanOrEqual(functionsOf(packaged.prod.template).size);
    for (const [id, group] of groups) expect(group.Properties.RetentionInDays, id).toBe(90);
    for (const [id, group] of resourcesOf(packaged.dev.template, 'AWS::Logs::LogGroup')) {
      expect(group.Properties.RetentionInDays, id).toBeGreaterThan(0);
    }
  });

  it('alarms on errors, throttles and p99 duration of every function', () => {
    for (const [name, { id }] of functionsOf(packaged.prod.template)) {
      const on = (metric: string) =>
        alarmsOn('AWS/Lambda', metric).filter((alarm) =>
          list(alarm.Dimensions).some((d) => JSON.stringify(get(d, 'Value')) === JSON.stringify({ Ref: id })),
        );
      expect(on('Errors'), `${name} errors`).toHaveLength(1);
      expect(on('Throttles'), `${name} throttles`).toHaveLength(1);
      const duration = on('Duration');
      expect(duration, `${name} duration`).toHaveLength(1);
      expect(duration[0]?.ExtendedStatistic, name).toBe('p99');
    }
  });

  it('alarms on errors the handlers log (they answer with error frames, not Lambda errors)', () => {
    const { template } = packaged.prod;
    const filters = resourcesOf(template, 'AWS::Logs::MetricFilter');
    for (const [name, { id }] of functionsOf(template)) {
      const logGroup = { Ref: id.replace(/LambdaFunction$/, 'LogGroup') };
      expect(
        filters.filter(([, f]) => JSON.stringify(f.Properties.LogGroupName) === JSON.stringify(logGroup)),
        name,
      ).toHaveLength(1);
    }
    expect(alarmsOn('org-chat/prod', 'LoggedErrors')).toHaveLength(1);
  });

  it('alarms on 4xx and 5xx of the WebSocket and the HTTP API', () => {
    expect(alarmsOn('AWS/ApiGateway', 'ClientError')).toHaveLength(1);
    expect(alarmsOn('AWS/ApiGateway', 'IntegrationError')).toHaveLength(1);
    expect(alarmsOn('AWS/ApiGateway', 'ExecutionError')).toHaveLength(1);
    expect(alarmsOn('AWS/ApiGateway', '4xx')).toHaveLength(1);
    expect(alarmsOn('AWS/ApiGateway', '5xx')).toHaveLength(1);
  });

  it('alarms on DynamoDB throttled reads and writes', () => {
    expect(alarmsOn('AWS/DynamoDB', 'ReadThrottleEvents')).toHaveLength(1);
    expect(alarmsOn('AWS/DynamoDB', 'WriteThrottleEvents')).toHaveLength(1);
  });

  it("alarms on the backend's own metrics (failed posts, refused tokens, rate-limited frames) as backend/src/metrics.ts emits them", () => {
    const dimensions = (stage: string) => [
      { Name: 'service', Value: METRICS_SERVICE },
      { Name: 'stage', Value: stage },
    ];
    const thresholds = { prod: [1, 500, 1000], dev: [10, 200, 500] };
    for (const stage of ['prod', 'dev'] as const) {
      const all = resourcesOf(packaged[stage].template, 'AWS::CloudWatch::Alarm').map(
        ([, a]) => a.Properties,
      );
      const names = [METRIC.failedPosts, METRIC.refusedTokens, METRIC.rateLimited];
      names.forEach((metric, i) => {
        const on = all.filter((a) => a.Namespace === METRICS_NAMESPACE && a.MetricName === metric);
        expect(on, `${stage} ${metric}`).toHaveLength(1);
        expect(on[0], `${stage} ${metric}`).toMatchObject({
          Dimensions: dimensions(stage),
          Statistic: 'Sum',
          Threshold: thresholds[stage][i],
        });
      });
    }
  });

  it('graphs every metric of backend/src/metrics.ts on the dashboard, for its stage', () => {
    const body = JSON.parse(
      String(get(resource(packaged.prod.template, 'Dashboard').Properties, 'DashboardBody.Fn::Sub')),
    ) as { widgets: { properties: { metrics?: unknown[][] } }[] };
    const rows = body.widgets.flatMap((widget) => widget.properties.metrics ?? []);
    for (const name of Object.values(METRIC)) {
      expect(
        rows.some(
          (row) =>
            JSON.stringify(row.slice(0, 6)) ===
            JSON.stringify([METRICS_NAMESPACE, name, 'service', METRICS_SERVICE, 'stage', 'prod']),
        ),
        name,
      ).toBe(true);
    }
  });

  it('sends every alarm to the SNS topic, when it fires and when it clears', () => {
    expect(resource(packaged.prod.template, 'AlarmTopic').Type).toBe('AWS::SNS::Topic');
    for (const alarm of alarms()) {
      expect(alarm.AlarmActions, String(alarm.AlarmName)).toEqual([{ Ref: 'AlarmTopic' }]);
      expect(alarm.OKActions, String(alarm.AlarmName)).toEqual([{ Ref: 'AlarmTopic' }]);
    }
  });

  it('has a dashboard graphing every function, both APIs and the table', () => {
    const { template } = packaged.prod;
    const body = String(get(resource(template, 'Dashboard').Properties, 'DashboardBody.Fn::Sub'));
    for (const [, { id }] of functionsOf(template)) expect(body).toContain(`\${${id}}`);
    for (const ref of [`\${WebsocketsApi}`, `\${HttpApi}`, `\${ChatTable}`]) expect(body).toContain(ref);
  });
});

describe('widget CDN', () => {
  const cdn = () => get(resource(packaged.prod.template, 'WidgetCdn').Properties, 'DistributionConfig');

  it('keeps the bucket private and encrypted', () => {
    const bucket = resource(packaged.prod.template, 'WidgetBucket').Properties;
    expect(bucket.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(get(bucket, 'OwnershipControls.Rules.0.ObjectOwnership')).toBe('BucketOwnerEnforced');
    expect(
      get(bucket, 'BucketEncryption.ServerSideEncryptionConfiguration.0.ServerSideEncryptionByDefault'),
    ).toEqual({
      SSEAlgorithm: 'AES256',
    });
  });

  it('serves it through CloudFront with origin access control only', () => {
    const { template } = packaged.prod;
    const oac = resource(template, 'WidgetOriginAccessControl').Properties;
    expect(get(oac, 'OriginAccessControlConfig.SigningBehavior')).toBe('always');
    expect(get(oac, 'OriginAccessControlConfig.OriginAccessControlOriginType')).toBe('s3');
    const origins = list(get(cdn(), 'Origins'));
    expect(origins).toHaveLength(1);
    expect(get(origins[0], 'OriginAccessControlId')).toEqual({
      'Fn::GetAtt': ['WidgetOriginAccessControl', 'Id'],
    });
    expect(get(origins[0], 'S3OriginConfig.OriginAccessIdentity')).toBe('');
    const allows = allStatements(template).filter(
      ({ where, statement }) => where === 'WidgetBucketPolicy' && statement.Effect === 'Allow',
    );
    expect(allows).toHaveLength(1);
    expect(allows[0]?.statement.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(allows[0]?.statement.Action).toBe('s3:GetObject');
    expect(JSON.stringify(allows[0]?.statement.Condition)).toContain(`distribution/\${WidgetCdn}`);
  });

  it('caches hashed chunks and exact versions for a year, the loader (root, major alias) and pages briefly', () => {
    const { template } = packaged.prod;
    /** The cache behavior CloudFront picks for a path: the first pattern that matches, else the default. */
    const behaviorFor = (path: string) => {
      for (const behavior of list(get(cdn(), 'CacheBehaviors'))) {
        const pattern = String(get(behavior, 'PathPattern')).replace(/^\//, '');
        const regex = new RegExp(
          `^${pattern
            .replace(/[.+^${}()|[\]\\]/g, '\\$&')
            .replace(/\*/g, '.*')
            .replace(/\?/g, '.')}$`,
        );
        if (regex.test(path.replace(/^\//, ''))) return behavior;
      }
      return get(cdn(), 'DefaultCacheBehavior');
    };
    const maxTtl = (path: string) => {
      const policy = get(behaviorFor(path), 'CachePolicyId.Ref') as string;
      return Number(get(resource(template, policy).Properties, 'CachePolicyConfig.MaxTTL'));
    };
    const cacheControl = (path: string) => {
      const policy = get(behaviorFor(path), 'ResponseHeadersPolicyId.Ref') as string;
      const headers = list(
        get(resource(template, policy).Properties, 'ResponseHeadersPolicyConfig.CustomHeadersConfig.Items'),
      );
      return get(
        headers.find((h) => get(h, 'Header') === 'Cache-Control'),
        'Value',
      );
    };
    for (const path of [
      '/chat-widget.js',
      '/v1/chat-widget.js',
      '/v0.4/chat-widget.js',
      '/v1/integrity.json',
      '/integrity.json',
      '/',
      '/index.html',
      '/org-chat.js',
    ]) {
      expect(maxTtl(path), path).toBeLessThanOrEqual(3600);
      expect(cacheControl(path), path).toMatch(/^public, max-age=\d{1,4}$/);
    }
    for (const path of [
      '/chat-widget-app-Ab3_x-9Z.js',
      '/rooms-0a1b2c3d.js',
      '/v1/fr-0a1b2c3d.js',
      '/v1.4.2/chat-widget.js',
      '/v1.4.2/integrity.json',
      '/v0.4.0/chat-widget.js.map',
    ]) {
      expect(maxTtl(path), path).toBe(31_536_000);
      expect(cacheControl(path), path).toBe('public, max-age=31536000, immutable');
    }
  });

  it('answers over HTTPS only', () => {
    for (const behavior of [get(cdn(), 'DefaultCacheBehavior'), ...list(get(cdn(), 'CacheBehaviors'))]) {
      expect(get(behavior, 'ViewerProtocolPolicy')).toBe('redirect-to-https');
    }
  });
});

describe('outputs', () => {
  it('print the WebSocket, HTTP and CDN URLs and what the upload script needs', () => {
    const outputs = Object.keys(packaged.prod.template.Outputs);
    for (const key of [
      'WebSocketUrl',
      'HttpUrl',
      'CdnUrl',
      'CdnDistributionId',
      'WidgetBucketName',
      'UserPoolId',
      'UserPoolClientId',
      'AlarmTopicArn',
      'DashboardUrl',
    ]) {
      expect(outputs).toContain(key);
    }
  });
});
