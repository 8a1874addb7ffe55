// webpack 5 in production mode, through its Node API, with its defaults for the web target.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import webpack from 'webpack';

const stats = await new Promise((done, fail) => {
  webpack(
    {
      mode: 'production',
      entry: './src/main.js',
      output: { path: resolve('dist/webpack'), filename: 'main.js', clean: true },
    },
    (error, result) => (error ? fail(error) : done(result)),
  );
});
if (stats.hasErrors() || stats.hasWarnings()) {
  console.error(stats.toString({ all: false, errors: true, warnings: true }));
  process.exit(1);
}
// webpack's output is a classic script: the page loads it without type=module.
const page = readFileSync('index.html', 'utf8').replace('<script type="module"', '<script defer');
writeFileSync('dist/webpack/index.html', page);
