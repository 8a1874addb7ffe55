import { defineConfig } from 'vite';

// Vite compiles .jsx with React's automatic runtime: no plugin is needed to build. The chat URLs come
// from VITE_CHAT_WS_URL and VITE_CHAT_HTTP_URL, or from the page's ?ws=…&http=…&room=… (see README.md).
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true },
});
