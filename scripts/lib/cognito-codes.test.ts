import { describe, expect, it } from 'vitest';
// @ts-expect-error: plain ES module without types.
import { confirmationCodeReader } from './cognito-codes.mjs';

const ESC = String.fromCharCode(27);
// What cognito-local 5.3 printed for a sign-up (pino-pretty, coloured; the box drawn by boxen).
const SIGN_UP = [
  `[1796004024124] ${ESC}[32mINFO${ESC}[39m: ${ESC}[36m035b0777 SignUp ╭──────────────╮`,
  '│                                                       │',
  '│   Confirmation Code Delivery                          │',
  '│                                                       │',
  '│   Username:    96c03c43-d06f-4afa-9452-5b5462e221e7   │',
  '│   Destination: ada@example.com                        │',
  '│   Code:        430166                                 │',
  '│                                                       │',
  `╰───────────────╯${ESC}[39m ${ESC}[90m{"reqId":"035b0777","target":"SignUp"}${ESC}[39m`,
  '',
].join('\n');

function read(chunks: string[]) {
  const codes: unknown[] = [];
  const feed = confirmationCodeReader((code: unknown) => codes.push(code));
  for (const chunk of chunks) feed(Buffer.from(chunk));
  return codes;
}

describe('confirmationCodeReader', () => {
  it('reads the code, the destination and the user out of a delivery box', () => {
    expect(read([SIGN_UP])).toEqual([
      { code: '430166', destination: 'ada@example.com', username: '96c03c43-d06f-4afa-9452-5b5462e221e7' },
    ]);
  });

  it('waits for a box split across chunks, anywhere', () => {
    for (const at of [10, 120, SIGN_UP.indexOf('Code:') + 3, SIGN_UP.indexOf('╰') + 1]) {
      expect(read([SIGN_UP.slice(0, at), SIGN_UP.slice(at)])).toHaveLength(1);
    }
  });

  it('reports each of several boxes once, and nothing for other log lines', () => {
    const other = '[1796004021153] INFO: NONE NONE Cognito Local running on http://127.0.0.1:9229\n';
    const second = SIGN_UP.replace('430166', '111222').replace('ada@', 'grace@');
    const codes = read([other, SIGN_UP, other, second, other]) as { code: string }[];
    expect(codes.map((c) => c.code)).toEqual(['430166', '111222']);
  });
});
