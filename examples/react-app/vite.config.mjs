import { defineConfig } from 'vite';

// Nothing React-specific is needed to build: Vite compiles .jsx with React's automatic runtime.
// (Add @vitejs/plugin-react for Fast Refresh while developing.) The chat URLs come from
// VITE_CHAT_WS_URL, VITE_CHAT_HTTP_URL and VITE_CHAT_ROOM (see README.md).
export default defineConfig({
  root: import.meta.dirname,
  build: { outDir: 'dist', emptyOutDir: true },
});
