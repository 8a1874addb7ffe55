/** The CDN app chunk, as the app build wrote it (rollup/cdn-integrity.mjs). */
declare module 'virtual:cdn-app' {
  /** Its content-hashed file name, next to the loader. */
  export const APP: string;
  /** Its Subresource Integrity, e.g. `sha384-…`. */
  export const APP_INTEGRITY: string;
}
