// Alarms, the SNS topic they notify, and a CloudWatch dashboard (a `${file(...)}` fragment).
// Generated from `functions:` so a new function gets its alarms and graphs without an edit here.
// Thresholds are per stage: custom.stages.<stage>.alarms in serverless.yml.
//
// Alarms:
// - per function: Lambda Errors, Throttles and p99 Duration;
// - all functions: log lines at level ERROR (a metric filter per log group). The route wrapper turns
//   handler failures into `internal` error frames, so Lambda never sees them as errors: this alarm is
//   what notices, e.g., a DynamoDB AccessDenied after an IAM change;
// - WebSocket API: ClientError (4xx) and IntegrationError + ExecutionError (5xx);
// - HTTP API: 4xx and 5xx;
// - DynamoDB: read and write throttle events of the table and its index;
// - the backend's own metrics (embedded metric format, backend/src/metrics.ts): failed posts to
//   connections, refused tokens, rate-limited frames.
'use strict';

const { lambdaId, logGroupId, normalizedName } = require('./naming.cjs');

const PERIOD = 300;
// The namespace, `service` dimension and names of backend/src/metrics.ts; deploy/template.test.ts
// checks that the alarms and the dashboard use exactly those.
const APP_NAMESPACE = 'org-chat';
const APP_SERVICE = 'org-chat';
const APP_METRICS = {
  sent: 'MessagesSent',
  delivered: 'MessagesDelivered',
  gone: 'ConnectionsGone',
  failedPosts: 'FailedPosts',
  refusedTokens: 'RefusedTokens',
  rateLimited: 'RateLimitedFrames',
  moderationAllowed: 'ModerationAllowed',
  moderationRejected: 'ModerationRejected',
  moderationHeld: 'ModerationHeld',
};

module.exports = async ({ resolveVariable }) => {
  const [service, stage, region, functions, settings] = await Promise.all([
    resolveVariable('self:service'),
    resolveVariable('sls:stage'),
    resolveVariable('self:provider.region'),
    resolveVariable('self:functions'),
    resolveVariable('self:custom.stage'),
  ]);
  const thresholds = settings.alarms;
  const prefix = `${service}-${stage}`;
  const namespace = `${service}/${stage}`;
  const names = Object.keys(functions);
  const resources = {};
  const alarmNames = [];

  resources.AlarmTopic = {
    Type: 'AWS::SNS::Topic',
    Properties: { TopicName: `${prefix}-alarms`, DisplayName: `${prefix} alarms` },
  };
  if (thresholds.email) {
    resources.AlarmEmailSubscription = {
      Type: 'AWS::SNS::Subscription',
      Properties: { TopicArn: { Ref: 'AlarmTopic' }, Protocol: 'email', Endpoint: thresholds.email },
    };
  }

  /** Adds an alarm that notifies the topic when it fires and when it clears. */
  const alarm = (id, suffix, description, properties) => {
    const name = `${prefix}-${suffix}`;
    alarmNames.push(name);
    resources[id] = {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        AlarmName: name,
        AlarmDescription: description,
        ActionsEnabled: true,
        AlarmActions: [{ Ref: 'AlarmTopic' }],
        OKActions: [{ Ref: 'AlarmTopic' }],
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'notBreaching',
        ...properties,
      },
    };
  };
  const lambdaMetric = (fn, metric, statistic) => ({
    Namespace: 'AWS/Lambda',
    MetricName: metric,
    Dimensions: [{ Name: 'FunctionName', Value: { Ref: lambdaId(fn) } }],
    Period: PERIOD,
    ...statistic,
  });

  for (const fn of names) {
    const id = normalizedName(fn);
    alarm(
      `${id}ErrorsAlarm`,
      `${fn}-errors`,
      fn === 'authorizer'
        ? 'authorizer: invocations that failed, which includes every refused token (Unauthorized)'
        : `${fn}: invocations that crashed or timed out`,
      {
        ...lambdaMetric(fn, 'Errors', { Statistic: 'Sum' }),
        // The authorizer refuses a bad token by failing the invocation: count those like API 4xx.
        Threshold: fn === 'authorizer' ? thresholds.api4xx : thresholds.lambdaErrors,
      },
    );
    alarm(`${id}ThrottlesAlarm`, `${fn}-throttles`, `${fn}: invocations refused for lack of concurrency`, {
      ...lambdaMetric(fn, 'Throttles', { Statistic: 'Sum' }),
      Threshold: 1,
    });
    alarm(`${id}DurationP99Alarm`, `${fn}-duration-p99`, `${fn}: p99 duration (ms) above the stage's limit`, {
      ...lambdaMetric(fn, 'Duration', { ExtendedStatistic: 'p99' }),
      Threshold: thresholds.lambdaP99Ms,
      EvaluationPeriods: 3,
      DatapointsToAlarm: 2,
    });
    resources[`${id}ErrorLogsFilter`] = {
      Type: 'AWS::Logs::MetricFilter',
      Properties: {
        LogGroupName: { Ref: logGroupId(fn) },
        // Powertools Logger writes one JSON object per line.
        FilterPattern: '{ $.level = "ERROR" }',
        MetricTransformations: [
          { MetricNamespace: namespace, MetricName: 'LoggedErrors', MetricValue: '1', Unit: 'Count' },
        ],
      },
    };
  }
  alarm('LoggedErrorsAlarm', 'logged-errors', 'Log lines at level ERROR across all functions', {
    Namespace: namespace,
    MetricName: 'LoggedErrors',
    Statistic: 'Sum',
    Period: PERIOD,
    Threshold: thresholds.loggedErrors,
  });

  const wsMetric = (metric) => ({
    Namespace: 'AWS/ApiGateway',
    MetricName: metric,
    Dimensions: [{ Name: 'ApiId', Value: { Ref: 'WebsocketsApi' } }],
  });
  alarm('WebsocketClientErrorsAlarm', 'ws-4xx', 'WebSocket API: 4xx (mostly refused or expired tokens)', {
    ...wsMetric('ClientError'),
    Statistic: 'Sum',
    Period: PERIOD,
    Threshold: thresholds.api4xx,
  });
  alarm('WebsocketServerErrorsAlarm', 'ws-5xx', 'WebSocket API: integration and execution errors', {
    Metrics: sumOf('WebSocket API errors', [wsMetric('IntegrationError'), wsMetric('ExecutionError')]),
    Threshold: thresholds.api5xx,
  });

  const httpMetric = (metric) => ({
    Namespace: 'AWS/ApiGateway',
    MetricName: metric,
    Dimensions: [{ Name: 'ApiId', Value: { Ref: 'HttpApi' } }],
  });
  alarm('HttpApiClientErrorsAlarm', 'http-4xx', 'HTTP API: 4xx (bad guest requests, throttled callers)', {
    ...httpMetric('4xx'),
    Statistic: 'Sum',
    Period: PERIOD,
    Threshold: thresholds.api4xx,
  });
  alarm('HttpApiServerErrorsAlarm', 'http-5xx', 'HTTP API: 5xx', {
    ...httpMetric('5xx'),
    Statistic: 'Sum',
    Period: PERIOD,
    Threshold: thresholds.api5xx,
  });

  const tableMetric = (metric, index) => ({
    Namespace: 'AWS/DynamoDB',
    MetricName: metric,
    Dimensions: [
      { Name: 'TableName', Value: { Ref: 'ChatTable' } },
      ...(index ? [{ Name: 'GlobalSecondaryIndexName', Value: index }] : []),
    ],
  });
  alarm(
    'TableThrottlesAlarm',
    'dynamodb-throttles',
    'DynamoDB: throttled reads and writes (table and gsi1)',
    {
      Metrics: sumOf('DynamoDB throttle events', [
        tableMetric('ReadThrottleEvents'),
        tableMetric('WriteThrottleEvents'),
        tableMetric('ReadThrottleEvents', 'gsi1'),
        tableMetric('WriteThrottleEvents', 'gsi1'),
      ]),
      Threshold: thresholds.dynamoThrottles,
    },
  );

  /** A metric of backend/src/metrics.ts for this stage (its dimensions: service and stage). */
  const appMetric = (name) => ({
    Namespace: APP_NAMESPACE,
    MetricName: name,
    Dimensions: [
      { Name: 'service', Value: APP_SERVICE },
      { Name: 'stage', Value: stage },
    ],
  });
  alarm(
    'FailedPostsAlarm',
    'failed-posts',
    'Fan-out: posts to connections that failed other than with 410 Gone (throttled, timed out): messages someone did not get',
    {
      ...appMetric(APP_METRICS.failedPosts),
      Statistic: 'Sum',
      Period: PERIOD,
      Threshold: thresholds.failedPosts,
    },
  );
  alarm(
    'RefusedTokensAlarm',
    'refused-tokens',
    'Tokens refused at $connect: a rotated key, clients with stale tokens, or someone trying tokens',
    {
      ...appMetric(APP_METRICS.refusedTokens),
      Statistic: 'Sum',
      Period: PERIOD,
      Threshold: thresholds.refusedTokens,
    },
  );
  alarm(
    'RateLimitedFramesAlarm',
    'rate-limited-frames',
    'Frames refused with rate_limited: a misbehaving client or an abuse attempt',
    {
      ...appMetric(APP_METRICS.rateLimited),
      Statistic: 'Sum',
      Period: PERIOD,
      Threshold: thresholds.rateLimitedFrames,
    },
  );

  resources.Dashboard = {
    Type: 'AWS::CloudWatch::Dashboard',
    Properties: {
      // Dashboards are global to the account: the region keeps two regions' stages apart.
      DashboardName: `${prefix}-${region}`,
      DashboardBody: { 'Fn::Sub': JSON.stringify(dashboard(names, namespace, alarmNames, stage)) },
    },
  };

  return { Resources: resources };
};

/** Metric math for an alarm: the sum of some metrics (missing data as 0), over one period. */
function sumOf(label, metrics) {
  return [
    ...metrics.map((metric, i) => ({
      Id: `m${i}`,
      ReturnData: false,
      MetricStat: { Metric: metric, Period: PERIOD, Stat: 'Sum' },
    })),
    {
      Id: 'total',
      Label: label,
      ReturnData: true,
      Expression: metrics.map((_, i) => `FILL(m${i}, 0)`).join(' + '),
    },
  ];
}

/** The dashboard body; `${…}` placeholders are filled by Fn::Sub (logical ids, region, account). */
function dashboard(functionNames, namespace, alarmNames, stage) {
  const region = `\${AWS::Region}`;
  const app = (name, options = {}) => [
    APP_NAMESPACE,
    name,
    'service',
    APP_SERVICE,
    'stage',
    stage,
    { stat: 'Sum', ...options },
  ];
  const graph = (title, metrics, extra = {}) => ({
    type: 'metric',
    width: 8,
    height: 6,
    properties: { title, region, view: 'timeSeries', stacked: false, period: PERIOD, metrics, ...extra },
  });
  const perFunction = (metric, stat) =>
    functionNames.map((fn) => [
      'AWS/Lambda',
      metric,
      'FunctionName',
      `\${${lambdaId(fn)}}`,
      { stat, label: fn },
    ]);
  const ws = (metric) => ['AWS/ApiGateway', metric, 'ApiId', `\${WebsocketsApi}`, { stat: 'Sum' }];
  const http = (metric) => ['AWS/ApiGateway', metric, 'ApiId', `\${HttpApi}`, { stat: 'Sum' }];
  const table = (metric, stat = 'Sum') => ['AWS/DynamoDB', metric, 'TableName', `\${ChatTable}`, { stat }];
  const index = (metric) => [
    'AWS/DynamoDB',
    metric,
    'TableName',
    `\${ChatTable}`,
    'GlobalSecondaryIndexName',
    'gsi1',
    { stat: 'Sum', label: `gsi1 ${metric}` },
  ];
  return {
    widgets: [
      {
        type: 'alarm',
        width: 24,
        height: 4,
        properties: {
          title: 'Alarms',
          alarms: alarmNames.map(
            (name) => `arn:\${AWS::Partition}:cloudwatch:${region}:\${AWS::AccountId}:alarm:${name}`,
          ),
        },
      },
      graph('Messages sent and delivered', [
        app(APP_METRICS.sent, { label: 'sent' }),
        app(APP_METRICS.delivered, { label: 'delivered' }),
      ]),
      graph('Fan-out health', [
        app(APP_METRICS.gone, { label: '410 Gone (left)' }),
        app(APP_METRICS.failedPosts, { label: 'failed posts', id: 'failed' }),
        app(APP_METRICS.delivered, { id: 'delivered', visible: false }),
        [
          {
            expression: '100 * FILL(failed, 0) / (FILL(delivered, 0) + FILL(failed, 0))',
            label: 'failed posts, % of posts',
            id: 'failedPercent',
            yAxis: 'right',
          },
        ],
      ]),
      graph('Refused tokens and rate-limited frames', [
        app(APP_METRICS.refusedTokens, { label: 'refused tokens' }),
        app(APP_METRICS.rateLimited, { label: 'rate-limited frames' }),
      ]),
      graph('Moderation verdicts', [
        app(APP_METRICS.moderationAllowed, { label: 'allowed' }),
        app(APP_METRICS.moderationRejected, { label: 'rejected' }),
        app(APP_METRICS.moderationHeld, { label: 'held for review' }),
      ]),
      graph('WebSocket API', [
        ws('ConnectCount'),
        ws('MessageCount'),
        ws('ClientError'),
        ws('IntegrationError'),
        ws('ExecutionError'),
      ]),
      graph('HTTP API', [http('Count'), http('4xx'), http('5xx')]),
      graph('Logged errors', [[namespace, 'LoggedErrors', { stat: 'Sum' }]]),
      graph('Lambda invocations', perFunction('Invocations', 'Sum')),
      graph('Lambda errors', perFunction('Errors', 'Sum')),
      graph('Lambda throttles', perFunction('Throttles', 'Sum')),
      graph('Lambda duration p99 (ms)', perFunction('Duration', 'p99')),
      graph('DynamoDB consumed capacity', [
        table('ConsumedReadCapacityUnits'),
        table('ConsumedWriteCapacityUnits'),
        index('ConsumedReadCapacityUnits'),
        index('ConsumedWriteCapacityUnits'),
      ]),
      graph('DynamoDB throttles and latency', [
        table('ReadThrottleEvents'),
        table('WriteThrottleEvents'),
        index('WriteThrottleEvents'),
        [
          'AWS/DynamoDB',
          'SuccessfulRequestLatency',
          'TableName',
          `\${ChatTable}`,
          'Operation',
          'PutItem',
          { stat: 'p99', yAxis: 'right' },
        ],
      ]),
    ],
  };
}
