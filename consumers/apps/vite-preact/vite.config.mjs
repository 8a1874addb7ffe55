import { writeFileSync } from 'node:fs';
import { defineConfig } from 'vite';

/** Writes every module the bundle holds to dist/modules.json: the consumer test counts Preact copies. */
const listModules = () => ({
  name: 'list-modules',
  generateBundle(_, bundle) {
    const ids = Object.values(bundle).flatMap((file) => (file.type === 'chunk' ? file.moduleIds : []));
    writeFileSync('modules.json', JSON.stringify(ids, null, 2));
  },
});

export default defineConfig({ build: { outDir: 'dist' }, plugins: [listModules()] });
