import { describe, expect, it } from 'vitest';
import { LIMITS } from './limits.js';
import { parseClientFrame } from './parse.js';

describe('parseClientFrame', () => {
  it('accepts each action with its fields', () => {
    const frames = [
      { action: 'join', room: 'lobby', ref: '1' },
      { action: 'join', room: 'lobby', after: 42 },
      { action: 'send', room: 'lobby', text: 'hi', id: 'client-id-1', ref: 'r' },
      { action: 'history', room: 'lobby', limit: 20, before: 17, ref: '2' },
      { action: 'ping', ref: '3' },
    ];
    for (const frame of frames) {
      expect(parseClientFrame(JSON.stringify(frame))).toEqual({ ok: true, frame });
    }
  });

  it('refuses text that is not JSON, with no ref to echo', () => {
    expect(parseClientFrame('{nope')).toEqual({
      ok: false,
      problem: { code: 'invalid', message: 'frame is not valid JSON' },
    });
    expect(parseClientFrame(undefined)).toMatchObject({ ok: false, problem: { code: 'invalid' } });
  });

  it('refuses JSON that is not an object, keeping nothing', () => {
    expect(parseClientFrame('[1,2]')).toMatchObject({ ok: false, problem: { code: 'invalid' } });
    expect(parseClientFrame('"join"')).toMatchObject({ ok: false, problem: { code: 'invalid' } });
  });

  it('names an unknown action and echoes the ref', () => {
    expect(parseClientFrame('{"action":"explode","ref":"9"}')).toEqual({
      ok: false,
      problem: { code: 'invalid', message: 'unknown action', ref: '9' },
    });
  });

  it('names the field with the wrong type', () => {
    const result = parseClientFrame(
      JSON.stringify({ action: 'send', room: 'lobby', text: 5, id: 'abcdefgh', ref: 'x' }),
    );
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.ref).toBe('x');
      expect(result.problem.message).toMatch(/^text: /);
    }
  });

  it('refuses bad room ids, client ids, page sizes and unknown fields', () => {
    const bad = [
      { action: 'join', room: '../etc' },
      { action: 'join', room: 'x'.repeat(65) },
      { action: 'send', room: 'lobby', text: 'hi', id: 'short' },
      { action: 'history', room: 'lobby', limit: LIMITS.maxPageSize + 1 },
      { action: 'history', room: 'lobby', limit: 1.5 },
      { action: 'history', room: 'lobby', before: 'not-a-ulid' },
      { action: 'ping', sender: { id: 'admin' } },
    ];
    for (const frame of bad) {
      expect(parseClientFrame(JSON.stringify(frame)), JSON.stringify(frame)).toMatchObject({
        ok: false,
        problem: { code: 'invalid' },
      });
    }
  });

  it('refuses a frame over the size limit as too_large', () => {
    const text = 'x'.repeat(LIMITS.maxFrameBytes);
    const result = parseClientFrame(
      JSON.stringify({ action: 'send', room: 'lobby', text, id: 'abcdefgh', ref: '1' }),
    );
    expect(result).toEqual({
      ok: false,
      problem: { code: 'too_large', message: expect.any(String), ref: '1' },
    });
  });

  it('ignores a ref that is not a short string', () => {
    const result = parseClientFrame(JSON.stringify({ action: 'nope', ref: { evil: true } }));
    expect(result).toEqual({ ok: false, problem: { code: 'invalid', message: 'unknown action' } });
  });
});
