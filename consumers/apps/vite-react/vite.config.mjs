import { defineConfig } from 'vite';

// Vite compiles .jsx with React's automatic runtime by default: no plugin needed to build.
export default defineConfig({ build: { outDir: 'dist' } });
