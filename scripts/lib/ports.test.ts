import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types.
import { checkPorts, PortError } from './ports.mjs';

const held: Server[] = [];
afterEach(async () => {
  await Promise.all(held.splice(0).map((server) => new Promise((ok) => server.close(ok))));
});

/** Listens on a free port chosen by the system (on `host`); resolves with the port. */
async function hold(host?: string): Promise<number> {
  const server = createServer();
  held.push(server);
  await new Promise<void>((ok) => server.listen(0, host, ok));
  return (server.address() as { port: number }).port;
}

/** Seven distinct ports nobody listens on (taken by the system, then released). */
async function freePorts() {
  const ports = await Promise.all([1, 2, 3, 4, 5, 6, 7].map(() => hold()));
  await Promise.all(held.splice(0).map((server) => new Promise((ok) => server.close(ok))));
  const [httpPort, wsPort, lambdaPort, dynamoPort, cognitoPort, webPort, offlineWsPort] = ports;
  return { httpPort, wsPort, lambdaPort, dynamoPort, cognitoPort, webPort, offlineWsPort };
}

describe('checkPorts', () => {
  it('passes when every port is free', async () => {
    await expect(checkPorts(await freePorts())).resolves.toBeUndefined();
  });

  it('names every taken port with the part that needs it and the variable that moves it', async () => {
    const config = { ...(await freePorts()), cognitoPort: await hold('127.0.0.1'), webPort: await hold() };
    const error = await checkPorts(config).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortError);
    expect((error as InstanceType<typeof PortError>).code).toBe('port_unavailable');
    expect((error as Error).message.split('\n')).toEqual([
      expect.stringMatching(
        new RegExp(
          `^Port ${config.cognitoPort} is already in use: Cognito \\(cognito-local\\) needs it\\..*COGNITO_PORT=`,
        ),
      ),
      expect.stringMatching(
        new RegExp(`^Port ${config.webPort} is already in use: the demo page .*WEB_PORT=`),
      ),
    ]);
  });

  it('refuses the same port for two parts', async () => {
    const config = await freePorts();
    await expect(checkPorts({ ...config, wsPort: config.httpPort })).rejects.toThrow(
      `Port ${config.httpPort} is given twice: the WebSocket API (the local gateway before serverless-offline) needs a port of its own (set WS_PORT).`,
    );
  });
});
