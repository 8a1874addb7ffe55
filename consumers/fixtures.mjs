// The consumer matrix: fresh apps that install the packed tarballs with only the dependencies listed
// here (exact versions), build the way such an app builds, and then chat for real against a local
// stack. `PACKED` stands for the tarball of our package of that name. consumers/run.mjs runs them.

/** Placeholder for "the tarball npm pack made of this package". */
export const PACKED = 'packed';

const react = { react: '19.3.1', 'react-dom': '19.3.1' };
const vite = { vite: '8.4.0' };

/**
 * Each fixture: `app` (folder under consumers/apps), `dependencies`, `steps` (commands run in order
 * after install; `{urls}` marks where the stack's ws URL, http URL and a fresh room go), and what to
 * check: `pages` served from a folder (or by `server`) and chatted through in Chromium, `preact` (the
 * one Preact version the bundle must hold).
 */
export const FIXTURES = [
  {
    name: 'vite-react19',
    app: 'vite-react',
    dependencies: {
      '@org/chat-sdk': PACKED,
      '@org/chat-widget': PACKED,
      ...react,
      ...vite,
      // Installed here, so account sign-in is on (`cognito.accounts`); the others build without it.
      'amazon-cognito-identity-js': '6.3.21',
    },
    steps: [['npx', 'vite', 'build']],
    pages: [{ dir: 'dist', feed: true, accounts: true }],
  },
  {
    name: 'vite-preact10',
    app: 'vite-preact',
    dependencies: { '@org/chat-widget': PACKED, preact: '10.29.8', '@preact/signals': '2.11.4', ...vite },
    steps: [['npx', 'vite', 'build']],
    preact: '10.29.8',
    pages: [{ dir: 'dist', accounts: false }],
  },
  {
    name: 'vite-preact11',
    app: 'vite-preact',
    dependencies: { '@org/chat-widget': PACKED, preact: '11.2.0', '@preact/signals': '2.11.4', ...vite },
    steps: [['npx', 'vite', 'build']],
    preact: '11.2.0',
    pages: [{ dir: 'dist', accounts: false }],
  },
  {
    name: 'next16-app-router',
    app: 'next',
    dependencies: { '@org/chat-sdk': PACKED, '@org/chat-widget': PACKED, ...react, next: '16.4.6' },
    // A production build prerenders the page: the widget and the hooks render on the server.
    steps: [['npx', 'next', 'build']],
    server: ['npx', 'next', 'start', '--hostname', '127.0.0.1', '--port', '{port}'],
    pages: [{ path: '/', feed: true, serverText: 'frame checked on the server: true' }],
  },
  {
    name: 'esbuild+webpack5',
    app: 'bundlers',
    dependencies: { '@org/chat-widget': PACKED, esbuild: '0.28.2', webpack: '5.113.0' },
    steps: [
      ['node', 'build-esbuild.mjs'],
      ['node', 'build-webpack.mjs'],
    ],
    pages: [{ dir: 'dist/esbuild' }, { dir: 'dist/webpack' }],
  },
  {
    name: 'node20-esm+cjs',
    app: 'node',
    dependencies: { '@org/chat-sdk': PACKED },
    steps: [
      ['node', 'chat.mjs', '{urls}'],
      ['node', 'chat.cjs', '{urls}'],
    ],
  },
  {
    name: 'typescript',
    app: 'typescript',
    dependencies: {
      '@org/chat-sdk': PACKED,
      '@org/chat-widget': PACKED,
      typescript: '5.9.3',
      react: '19.3.1',
      '@types/react': '19.3.0',
    },
    copies: [
      ['check.ts', 'cjs/check.ts'],
      ['check.ts', 'esm/check.ts'],
    ],
    steps: [
      ['npx', 'tsc', '-p', 'tsconfig.node10.json'],
      ['npx', 'tsc', '-p', 'tsconfig.node16-cjs.json'],
      ['npx', 'tsc', '-p', 'tsconfig.node16-esm.json'],
      ['npx', 'tsc', '-p', 'tsconfig.nodenext.json'],
      ['npx', 'tsc', '-p', 'tsconfig.bundler.json'],
      ['node', 'cjs/out/check.js'],
      ['node', 'esm/out/check.js'],
      ['node', 'esm/out-nodenext/check.js'],
    ],
  },
];
