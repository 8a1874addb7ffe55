/**
 * Imports the ES module at `url` only if it matches `integrity` (Subresource Integrity). `import()`
 * cannot carry integrity, so a `<script type="module" integrity>` fetches and runs it first; `import()`
 * then gets the same module from the module map, with no second fetch. A mismatch rejects.
 */
export const loadModule = (src: string, integrity: string): Promise<unknown> =>
  new Promise((resolve, reject) => {
    const onload = () => resolve(import(src));
    document.head.append(
      Object.assign(document.createElement('script'), {
        type: 'module',
        src,
        integrity,
        onload,
        onerror: reject,
      }),
    );
  });
