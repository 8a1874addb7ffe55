// `npm run admin -- <command>`: the operator's moderation tools without the widget (issue 13) — bans,
// mutes, roles, reports and the audit trail, against the local stack or a deployed stage. It signs in
// as a site admin and speaks the chat protocol through the SDK, so the server authorises and audits
// every action exactly as it does for the widget. docs/moderation.md "Admin CLI" has the details.
import { parseArgs } from 'node:util';
import { connectionOf, parseDuration, parseSwitch } from './lib/admin-options.mjs';

const USAGE = `npm run admin -- <command> [arguments] [options]

Commands
  grant-admin <email>                 add a user to the site admins' group (Cognito)
  revoke-admin <email>                remove a user from it
  ban <user> [--room R] [--for D] [--reason T]
  unban <user> [--room R] [--reason T]
  mute <user> [--room R] [--for D] [--reason T] [--shadow]
  unmute <user> [--room R] [--reason T]
  role <room> <user> moderator|member [--reason T]
  slow-mode <room> <seconds>
  settings <room> [--links allow|users|none] [--duplicates on|off] [--flood on|off]
                  [--hook-failure open|closed] [--block-list word,word]
  reports [--room R] [--limit N]      open reports and held messages
  resolve <room> <report> dismiss|delete|mute|ban|approve [--for D] [--reason T]
  audit [--room R] [--limit N] [--before ID]

  <user> is a user id (a Cognito sub, or guest_…); without --room, ban and mute are site-wide.
  D is a duration: 90s, 30m, 12h, 7d, 2w or forever (the default).

Connection (flags, else environment, else the local stack of --data-dir, default .local)
  --ws-url URL        CHAT_WS_URL          the stage's WebSocketUrl output
  --http-url URL      CHAT_HTTP_URL        the stage's HttpUrl output
  --email E --password P                   CHAT_ADMIN_EMAIL, CHAT_ADMIN_PASSWORD: a site admin's account
  --token T           CHAT_ADMIN_TOKEN     or a site admin's Cognito ID token
  --user-pool-id ID   COGNITO_USER_POOL_ID the stage's UserPoolId output
  --client-id ID      COGNITO_CLIENT_ID    the stage's UserPoolClientId output
  --region R          AWS_REGION           (grant-admin and revoke-admin use your AWS credentials)
  --cognito-endpoint URL                   cognito-local only
  --json              print the server's answers as JSON`;

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    room: { type: 'string' },
    for: { type: 'string' },
    reason: { type: 'string' },
    shadow: { type: 'boolean' },
    limit: { type: 'string' },
    before: { type: 'string' },
    links: { type: 'string' },
    duplicates: { type: 'string' },
    flood: { type: 'string' },
    'hook-failure': { type: 'string' },
    'block-list': { type: 'string' },
    'ws-url': { type: 'string' },
    'http-url': { type: 'string' },
    email: { type: 'string' },
    password: { type: 'string' },
    token: { type: 'string' },
    'user-pool-id': { type: 'string' },
    'client-id': { type: 'string' },
    region: { type: 'string' },
    'cognito-endpoint': { type: 'string' },
    'data-dir': { type: 'string' },
    json: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
});

const [command, ...args] = positionals;

try {
  if (!command || flags.help) {
    console.log(USAGE);
  } else if (command === 'grant-admin' || command === 'revoke-admin') {
    await changeAdminGroup(command === 'grant-admin', need(args[0], 'an email'));
  } else {
    await withClient((client, sdk) => run(client, sdk));
  }
} catch (error) {
  console.error(`admin: ${error.code ? `${error.code}: ` : ''}${error.message}`);
  process.exitCode = 1;
}

/** Runs one protocol command as the signed-in site admin. */
async function run(client, sdk) {
  const room = flags.room;
  const durationSeconds = parseDuration(flags.for);
  const reason = flags.reason;
  const scope = { ...(room ? { room } : {}), ...(reason ? { reason } : {}) };
  const limit = flags.limit ? Number(flags.limit) : undefined;
  switch (command) {
    case 'ban':
    case 'mute': {
      const user = need(args[0], 'a user id');
      const options = {
        ...scope,
        ...(durationSeconds ? { durationSeconds } : {}),
        ...(flags.shadow ? { shadow: true } : {}),
      };
      const until =
        command === 'ban'
          ? await sdk.banUser(client, user, options)
          : await sdk.muteUser(client, user, options);
      return say(
        { until },
        `${command === 'ban' ? 'banned' : 'muted'} ${user} ${where(room)} ${until ? `until ${iso(until)}` : 'for good'}`,
      );
    }
    case 'unban':
    case 'unmute': {
      const user = need(args[0], 'a user id');
      await (command === 'unban' ? sdk.unbanUser : sdk.unmuteUser)(client, user, scope);
      return say({}, `${command === 'unban' ? 'unbanned' : 'unmuted'} ${user} ${where(room)}`);
    }
    case 'role': {
      const [target, user, role] = [
        need(args[0], 'a room'),
        need(args[1], 'a user id'),
        need(args[2], 'a role'),
      ];
      await sdk.setRole(client, user, role, { room: target, ...(reason ? { reason } : {}) });
      return say({}, `${user} is now ${role} in ${target}`);
    }
    case 'slow-mode': {
      const target = need(args[0], 'a room');
      await sdk.setSlowMode(client, Number(need(args[1], 'seconds')), { room: target });
      return say({}, `slow mode of ${target}: ${Number(args[1]) ? `${args[1]} s` : 'off'}`);
    }
    case 'settings': {
      const target = need(args[0], 'a room');
      const changes = {
        room: target,
        ...(flags.links ? { links: flags.links } : {}),
        ...optional('duplicates', parseSwitch('duplicates', flags.duplicates)),
        ...optional('flood', parseSwitch('flood', flags.flood)),
        ...(flags['hook-failure'] ? { hookFailure: flags['hook-failure'] } : {}),
        ...(flags['block-list'] !== undefined
          ? {
              blockList: flags['block-list']
                .split(',')
                .map((w) => w.trim())
                .filter(Boolean),
            }
          : {}),
        ...(reason ? { reason } : {}),
      };
      const settings = await sdk.updateRoomSettings(client, changes);
      return say(
        settings,
        Object.entries(settings)
          .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
          .join('\n'),
      );
    }
    case 'reports': {
      const reports = await sdk.listReports(client, {
        ...(room ? { room } : {}),
        ...(limit ? { limit } : {}),
      });
      return say(reports, reports.length ? reports.map(describeReport).join('\n') : 'no open reports');
    }
    case 'resolve': {
      const [target, id, resolution] = [
        need(args[0], 'a room'),
        need(args[1], 'a report id'),
        need(args[2], 'a resolution'),
      ];
      await sdk.resolveReport(client, { room: target, id }, resolution, {
        ...(durationSeconds ? { durationSeconds } : {}),
        ...(reason ? { reason } : {}),
      });
      return say({}, `report ${id} in ${target}: ${resolution}`);
    }
    case 'audit': {
      const page = await sdk.readAudit(client, {
        ...(room ? { room } : {}),
        ...(limit ? { limit } : {}),
        ...(flags.before ? { before: flags.before } : {}),
      });
      const lines = page.entries.map(describeEntry);
      if (page.hasMore) lines.push(`(more: --before ${page.entries.at(-1)?.id})`);
      return say(page, lines.length ? lines.join('\n') : 'nothing recorded');
    }
    default:
      throw new Error(`unknown command ${command}; see npm run admin -- --help`);
  }
}

/** Connects as a site admin (an account, or a token), runs `fn`, and closes. */
async function withClient(fn) {
  const connection = connectionOf(flags);
  if (!connection.wsUrl || !connection.httpUrl) {
    throw new Error('no stack: start one (npm start) or give --ws-url and --http-url');
  }
  const sdk = await import('@org/chat-sdk').catch(() => {
    throw new Error('the SDK is not built: run npm run build');
  });
  let auth;
  if (connection.token) {
    auth = sdk.tokenAuth(() => connection.token);
  } else {
    if (!connection.email || !connection.password)
      throw new Error('sign in with --email and --password, or --token');
    if (!connection.userPoolId || !connection.clientId)
      throw new Error('give --user-pool-id and --client-id');
    const { cognitoAuth } = await import('@org/chat-sdk/cognito');
    auth = cognitoAuth({
      userPoolId: connection.userPoolId,
      clientId: connection.clientId,
      // cognito-local has no SRP; on AWS the password never leaves this process.
      ...(connection.cognitoEndpoint
        ? { endpoint: `${connection.cognitoEndpoint.replace(/\/$/, '')}/`, authFlow: 'USER_PASSWORD_AUTH' }
        : { authFlow: 'USER_SRP_AUTH' }),
    });
    await auth.signIn(connection.email, connection.password);
  }
  const client = sdk.createChatClient({ wsUrl: connection.wsUrl, httpUrl: connection.httpUrl, auth });
  try {
    await client.connect();
    await fn(client, sdk);
  } finally {
    client.close();
  }
}

/** Adds a user to the site admins' group, or removes them (their next token carries the change). */
async function changeAdminGroup(grant, email) {
  const connection = connectionOf(flags);
  if (!connection.userPoolId) throw new Error('give --user-pool-id (the stage output UserPoolId)');
  const cognito = await import('@aws-sdk/client-cognito-identity-provider');
  const { SITE_ADMIN_GROUP } = await import('./local-stack.mjs');
  const client = new cognito.CognitoIdentityProviderClient({
    region: connection.region,
    ...(connection.cognitoEndpoint
      ? {
          endpoint: connection.cognitoEndpoint,
          credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
        }
      : {}),
  });
  const input = { UserPoolId: connection.userPoolId, Username: email, GroupName: SITE_ADMIN_GROUP };
  await client.send(
    grant
      ? new cognito.AdminAddUserToGroupCommand(input)
      : new cognito.AdminRemoveUserFromGroupCommand(input),
  );
  say(
    {},
    `${email} ${grant ? 'is now' : 'is no longer'} a site admin (from their next sign-in or token refresh)`,
  );
}

function describeReport(report) {
  const { message } = report;
  const who = `${message.sender.name} (${message.sender.id})`;
  const what = report.kind === 'held' ? 'held' : `#${message.seq}, ${report.reporters} reporter(s)`;
  return `${report.id}  ${report.room}  ${what}  ${who}: ${JSON.stringify(message.text)}  — ${report.reasons.join('; ')}`;
}

function describeEntry(entry) {
  const parts = [
    iso(entry.at),
    `${entry.actor.name} (${entry.actor.id}, ${entry.actor.role})`,
    entry.action,
    entry.room ? `room=${entry.room}` : 'site-wide',
    entry.target ? `target=${entry.target}` : '',
    entry.seq ? `seq=${entry.seq}` : '',
    entry.until ? `until=${iso(entry.until)}` : '',
    entry.reason ? `reason=${JSON.stringify(entry.reason)}` : '',
    entry.detail ? JSON.stringify(entry.detail) : '',
  ];
  return parts.filter(Boolean).join('  ');
}

function say(value, text) {
  console.log(flags.json ? JSON.stringify(value) : text);
}

function need(value, what) {
  if (value === undefined) throw new Error(`${command} needs ${what}; see npm run admin -- --help`);
  return value;
}

function optional(key, value) {
  return value === undefined ? {} : { [key]: value };
}

function where(room) {
  return room ? `in ${room}` : 'site-wide';
}

function iso(ms) {
  return new Date(ms).toISOString();
}
