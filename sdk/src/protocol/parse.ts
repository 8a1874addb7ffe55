import * as v from 'valibot';
import type { ErrorCode } from './errors.js';
import { ClientFrame, Ref } from './frames.js';
import { LIMITS } from './limits.js';

/** Why a frame was refused, ready to become an error frame. */
export interface FrameProblem {
  code: ErrorCode;
  message: string;
  ref?: string;
}

/** The outcome of parsing one incoming frame. */
export type ParseResult = { ok: true; frame: ClientFrame } | { ok: false; problem: FrameProblem };

/** Parses and validates one client frame's raw text; never throws. */
export function parseClientFrame(raw: string | null | undefined): ParseResult {
  const text = raw ?? '';
  const tooLarge = byteLength(text) > LIMITS.maxFrameBytes;
  // An oversized frame is still parsed (API Gateway caps messages at 128 KB) so its ref can be answered.
  if (tooLarge && text.length > 4 * LIMITS.maxFrameBytes)
    return fail('too_large', `frame exceeds ${LIMITS.maxFrameBytes} bytes`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail(
      tooLarge ? 'too_large' : 'invalid',
      tooLarge ? `frame exceeds ${LIMITS.maxFrameBytes} bytes` : 'frame is not valid JSON',
    );
  }
  const ref = refOf(json);
  if (tooLarge) return fail('too_large', `frame exceeds ${LIMITS.maxFrameBytes} bytes`, ref);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return fail('invalid', 'frame must be a JSON object', ref);
  }
  const result = v.safeParse(ClientFrame, json);
  if (result.success) return { ok: true, frame: result.output };
  return fail('invalid', describe(result.issues), ref);
}

/** The frame's `ref` when it has a usable one, so even a refused frame can be answered. */
function refOf(json: unknown): string | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const ref = (json as { ref?: unknown }).ref;
  return v.is(Ref, ref) ? ref : undefined;
}

function describe(issues: v.BaseIssue<unknown>[]): string {
  const first = issues[0];
  if (!first) return 'invalid frame';
  const path = v.getDotPath(first);
  if (path === 'action') return 'unknown action';
  return path ? `${path}: ${first.message}` : first.message;
}

function fail(code: ErrorCode, message: string, ref?: string): ParseResult {
  return { ok: false, problem: ref === undefined ? { code, message } : { code, message, ref } };
}

function byteLength(text: string): number {
  return new TextEncoder().encode(text).length;
}
