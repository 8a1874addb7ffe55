// Subresource Integrity for the CDN build, so a page that pins the loader with `integrity` gets the
// whole chain verified: the loader carries the app chunk's hash, the app chunk the hashes of the chunks
// it loads on demand. `import()` takes no integrity, so every load goes through a
// `<script type="module" integrity>` first; once it has run, `import()` of the same URL is answered
// from the module map, without a second fetch. A tampered file fails the script's integrity check and
// the load rejects: there is no unverified fallback.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The manifest both CDN builds share: entry file names and the integrity of every file. */
export const MANIFEST = 'integrity.json';

/** `sha384-…` (or another algorithm's) integrity of `code`, as `integrity` attributes want it. */
export const integrityOf = (code, algorithm = 'sha384') =>
  `${algorithm}-${createHash(algorithm).update(code).digest('base64')}`;

// Same length as `import(`, so the hidden source maps stay exact.
const VERIFIED_IMPORT = '__sri_(';
const DYNAMIC_IMPORT = /\bimport\((["'])\.\/([^"'/]+)\1\)/g;

/**
 * The function appended to a chunk: loads `./file` as a module script with its integrity, then imports it.
 * `shared` lists, per file, the chunks it imports statically (code that several lazy chunks share): they
 * load first, each verified the same way, so the browser finds them in its module map, checked, when
 * the file's own `import` asks for them.
 */
function verifiedImport(integrity, shared) {
  const load = `const h=new URL(u,import.meta.url).href,s=document.createElement("script");return new Promise((y,n)=>{s.type="module";s.src=h;s.integrity=${JSON.stringify(integrity)}[u];s.onload=()=>y(import(h));s.onerror=()=>n(new Error("integrity check failed: "+h));document.head.append(s)})`;
  if (!Object.keys(shared).length) return `\nfunction __sri_(u){${load}}\n`;
  return `\nfunction __sri_(u){return Promise.all((${JSON.stringify(shared)}[u]||[]).map(__sri_)).then(()=>{${load}})}\n`;
}

/**
 * For the app build (an entry plus lazy chunks): rewrites the chunks' `import("./x.js")` into verified
 * loads, and writes integrity.json. A lazy chunk may statically import the entry (loaded, checked, before
 * it) and chunks of code that lazy chunks share (loaded, checked, before it by `__sri_`); the build fails
 * when the entry imports anything statically: such an import would be fetched without a check.
 */
export function appIntegrity() {
  return {
    name: 'cdn-app-integrity',
    generateBundle(_, bundle) {
      const chunks = Object.values(bundle).filter((file) => file.type === 'chunk');
      const entries = chunks.filter((chunk) => chunk.isEntry);
      if (entries.length !== 1) this.error('the CDN app build must have exactly one entry');
      const entry = entries[0];
      if (entry.imports.length) {
        this.error(
          `${entry.fileName} statically imports ${entry.imports.join(', ')}: it would load unverified`,
        );
      }
      // The shared chunks a lazy chunk imports statically, besides the entry, and theirs in turn.
      const byName = Object.fromEntries(chunks.map((chunk) => [chunk.fileName, chunk]));
      const sharedOf = (file) => byName[file].imports.filter((name) => name !== entry.fileName);
      const withShared = (files) => {
        const all = new Set(files);
        for (const file of all) for (const name of sharedOf(file)) all.add(name);
        return [...all];
      };
      // A chunk's hash is taken once the chunks it loads on demand are final (their hashes are in it).
      const files = {};
      let pending = chunks;
      while (pending.length) {
        const ready = pending.filter((chunk) =>
          withShared(chunk.dynamicImports).every((file) => file in files),
        );
        if (!ready.length) this.error('the CDN chunks import each other on demand in a cycle');
        for (const chunk of ready) {
          if (chunk.dynamicImports.length) {
            const loaded = withShared(chunk.dynamicImports);
            const table = Object.fromEntries(loaded.map((file) => [`./${file}`, files[file]]));
            const shared = Object.fromEntries(
              loaded
                .filter((file) => sharedOf(file).length)
                .map((file) => [`./${file}`, sharedOf(file).map((name) => `./${name}`)]),
            );
            chunk.code = chunk.code.replace(DYNAMIC_IMPORT, (_call, quote, file) => {
              if (!(`./${file}` in table)) this.error(`${chunk.fileName}: unknown lazy chunk ${file}`);
              return `${VERIFIED_IMPORT}${quote}./${file}${quote})`;
            });
            if (/\bimport\(/.test(chunk.code)) this.error(`${chunk.fileName}: an import() left unverified`);
            chunk.code += verifiedImport(table, shared);
          }
          // SHA-256, as for the app in the loader: as strong a check, and each lazy chunk's entry in the
          // app chunk's table (downloaded by every visitor) is ~16 bytes smaller gzipped than SHA-384's.
          files[chunk.fileName] = integrityOf(chunk.code, 'sha256');
        }
        pending = pending.filter((chunk) => !ready.includes(chunk));
      }
      const manifest = { app: entry.fileName, files };
      this.emitFile({ type: 'asset', fileName: MANIFEST, source: `${JSON.stringify(manifest, null, 2)}\n` });
    },
  };
}

/**
 * For the loader build, after the app build: `import { APP, APP_INTEGRITY } from 'virtual:cdn-app'`
 * gives the app chunk's file name and integrity; the loader's own integrity is added to integrity.json.
 */
export function loaderIntegrity(dir) {
  const read = () => JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8'));
  return {
    name: 'cdn-loader-integrity',
    resolveId: (id) => (id === 'virtual:cdn-app' ? id : null),
    load(id) {
      if (id !== 'virtual:cdn-app') return null;
      this.addWatchFile(join(dir, MANIFEST));
      const { app } = read();
      // SHA-256 here: as strong a check, and 20 bytes fewer in the loader's 3 KB than SHA-384.
      const integrity = integrityOf(readFileSync(join(dir, app)), 'sha256');
      return `export const APP = ${JSON.stringify(app)}; export const APP_INTEGRITY = ${JSON.stringify(integrity)};`;
    },
    generateBundle(_, bundle) {
      const loader = Object.values(bundle).find((file) => file.type === 'chunk' && file.isEntry);
      const manifest = read();
      manifest.loader = loader.fileName;
      manifest.files = { [loader.fileName]: integrityOf(loader.code), ...manifest.files };
      this.emitFile({ type: 'asset', fileName: MANIFEST, source: `${JSON.stringify(manifest, null, 2)}\n` });
    },
  };
}
