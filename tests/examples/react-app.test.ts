import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Rolldown } from 'vite';
import { afterEach, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const APP = join(ROOT, 'examples/react-app');
const widgetExports = JSON.parse(readFileSync(join(ROOT, 'widget/package.json'), 'utf8')).exports ?? {};
const hasReactEntry = './react' in widgetExports;
afterEach(() => {
  delete process.env.VITE_CHAT_WS_URL;
});

describe('examples/react-app', () => {
  if (!hasReactEntry) {
    it.skip('needs the @org/chat-widget/react export, which widget/package.json does not have yet', () => {});
    return;
  }

  it('builds with Vite into a React bundle holding the widget, with the chat window as a lazy chunk', async () => {
    expect(existsSync(join(ROOT, 'widget/dist/react.js')), 'widget/dist is missing: run npm run build').toBe(
      true,
    );
    // Vite exposes VITE_* variables of the environment to the app: the README's way to point it at a stack.
    process.env.VITE_CHAT_WS_URL = 'wss://chat.example.test';
    const result = await build({
      configFile: join(APP, 'vite.config.mjs'),
      logLevel: 'warn',
      // The test runner sets NODE_ENV=test, which would make Vite bundle React's development build.
      define: { 'process.env.NODE_ENV': JSON.stringify('production') },
      build: { write: false },
    });
    const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
    const chunks = outputs
      .flatMap((output) => output.output)
      .filter((file): file is Rolldown.OutputChunk => file.type === 'chunk');
    const entry = chunks.find((chunk) => chunk.isEntry);
    expect(entry).toBeDefined();
    const code = entry?.code ?? '';
    expect(code).toContain('data-org-chat'); // the React wrapper's element
    expect(code).toContain('Open chat'); // the widget's launcher, drawn at once
    expect(code).toContain('attachShadow'); // inside its own Shadow DOM
    expect(code).toContain('wss://chat.example.test');
    expect(code).not.toContain('Each child in a list should have a unique'); // React's production build
    const chatWindow = chunks.find((chunk) => /mount-window/.test(chunk.name));
    expect(chatWindow, 'the chat window should be a chunk of its own').toBeDefined();
    expect(entry?.dynamicImports).toContain(chatWindow?.fileName);
  });
});
