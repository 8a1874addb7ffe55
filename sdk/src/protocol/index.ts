/** The wire protocol shared by the SDK and the backend: frame schemas, types, limits and codes. */
export * from './errors.js';
export * from './frames.js';
export * from './limits.js';
export * from './links.js';
export * from './moderation-frames.js';
export type * from './moderation-types.js';
export * from './names.js';
export * from './parse.js';
export type * from './types.js';
