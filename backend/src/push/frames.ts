import { LIMITS, type ServerFrame } from '@org/chat-sdk/protocol';

/**
 * Encodes a frame for the wire: the one place every reply and every @connections post goes through,
 * so none ever exceeds API Gateway's 128 KB message limit (serverless-offline enforces none). Pages
 * are cut to fit before they get here; a frame still too large is a bug, refused loudly here rather
 * than lost silently by API Gateway.
 */
export function encodeFrame(frame: ServerFrame): string {
  const text = JSON.stringify(frame);
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > LIMITS.maxReplyBytes) {
    throw new Error(`frame of ${bytes} bytes exceeds the ${LIMITS.maxReplyBytes}-byte message limit`);
  }
  return text;
}

/** Bytes left for the messages of a page whose frame, without them, is `envelope`. */
export function pageBudgetBytes(envelope: ServerFrame): number {
  // The messages go into an array: a little room for its brackets and the field name.
  return LIMITS.maxReplyBytes - Buffer.byteLength(JSON.stringify(envelope), 'utf8') - 64;
}
