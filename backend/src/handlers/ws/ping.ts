import { route } from './route.js';

/** `ping`: answers `pong` with the same ref. */
export const handler = route('ping', async (frame) =>
  frame.ref === undefined ? { type: 'pong' } : { type: 'pong', ref: frame.ref },
);
