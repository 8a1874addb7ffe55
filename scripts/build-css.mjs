// Compiles the widget's Tailwind stylesheet (widget/src/styles.css) to widget/dist/widget.css and makes
// it work inside a shadow root; with `--watch`, again on every change under widget/src. Runs offline
// with the installed @tailwindcss/cli; rollup then inlines the result into the widget bundles
// (`import css from 'virtual:widget-css'`).
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, watch, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const sources = join(root, 'widget/src');
const input = join(sources, 'styles.css');
const output = join(root, 'widget/dist/widget.css');

/**
 * Runs the Tailwind CLI's JS entry with this Node; resolves with the minified CSS it prints. `--cwd`
 * makes widget/src the only folder scanned for class names, so nothing else in the repo adds CSS.
 */
async function compileTailwind() {
  const require = createRequire(import.meta.url);
  const manifestPath = require.resolve('@tailwindcss/cli/package.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  const bin = join(dirname(manifestPath), manifest.bin.tailwindcss);
  try {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [bin, '--cwd', sources, '--input', input, '--minify'],
      { cwd: root, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 },
    );
    return stdout;
  } catch (error) {
    process.stderr.write(error.stderr ?? '');
    throw new Error(`tailwindcss failed on ${relative(root, input)}`);
  }
}

/** Returns the index just past the `}` closing the block whose `{` is at `open`. */
function blockEnd(css, open) {
  let depth = 0;
  for (let i = open; i < css.length; i++) {
    if (css[i] === '{') depth++;
    else if (css[i] === '}' && --depth === 0) return i + 1;
  }
  throw new Error('unbalanced braces in the compiled CSS');
}

// Units a bare `0` takes in a registered property of that syntax.
const ZERO_UNITS = {
  '<length>': 'px',
  '<length-percentage>': 'px',
  '<percentage>': '%',
  '<angle>': 'deg',
  '<time>': 's',
};

/**
 * A registered `<length>` turns `initial-value: 0` into `0px`; unregistered, it stays the bare token
 * `0`, and `calc(1px + var(--tw-ring-offset-width))` would be invalid, dropping the whole ring.
 */
function typedZero(value, syntax) {
  const unit = ZERO_UNITS[syntax];
  return value === '0' && unit ? `0${unit}` : value;
}

/**
 * Browsers ignore `@property` inside shadow roots (tailwindcss issue 15005), so Tailwind's defaults
 * (`--tw-border-style`, shadows, rings, transforms) would be unset and borders and shadows vanish.
 * Removes every `@property` block and declares its initial value instead. The values go on `:host` and
 * on every element, not on `:host` alone: registered with `inherits: false`, each element starts from the
 * initial value, while a plain custom property set on `:host` would inherit, so a child would repeat its
 * parent's `shadow-*` or `ring-*`. They sit in the lowest layer (`properties`), so any utility wins.
 * Tailwind's own conditional fallback for old browsers (the `@layer properties` block) is replaced.
 */
function inlineRegisteredProperties(css) {
  const declarations = [];
  let rest = css.replace(/@property\s+(--[\w-]+)\s*\{([^}]*)\}/g, (_, name, body) => {
    const initial = /initial-value\s*:\s*([^;]+)/.exec(body)?.[1]?.trim();
    const syntax = /syntax\s*:\s*"([^"]*)"/.exec(body)?.[1];
    // Without an initial value the registered property starts as the guaranteed-invalid value.
    declarations.push(`${name}:${initial === undefined ? 'initial' : typedZero(initial, syntax)}`);
    return '';
  });
  if (/@property\b/.test(rest)) throw new Error('an @property block was left in the CSS');
  if (declarations.length === 0) return rest;
  const defaults = `@layer properties{:host,*,::before,::after,::backdrop{${declarations.join(';')}}}`;
  const start = rest.indexOf('@layer properties{');
  if (start === -1) return `@layer properties;${defaults}${rest}`;
  rest = rest.slice(0, start) + defaults + rest.slice(blockEnd(rest, rest.indexOf('{', start)));
  return rest;
}

/**
 * `:root` matches nothing inside a shadow root: the theme's variables must be declared on `:host`.
 * Tailwind already writes `:root,:host`; the lone `:root` is dropped there and rewritten elsewhere.
 */
function scopeRootToHost(css) {
  return css.replace(/:root\s*,\s*:host\b/g, ':host').replace(/:root\b/g, ':host');
}

/**
 * `rem` follows the host page's root font size, and many sites set it to 62.5% (10px): the widget would
 * shrink with them. Declarations get pixels (at the usual 16px); selectors keep their text, since an
 * arbitrary-value class like `h-[3rem]` must still match, and media queries already ignore the page.
 */
function remToPx(css) {
  return css.replace(/\{[^{}]*\}/g, (block) =>
    block.replace(
      /(^|[^\w.-])(-?\d*\.?\d+)rem\b/g,
      (_, before, n) => `${before}${+(Number(n) * 16).toFixed(3)}px`,
    ),
  );
}

/**
 * Tailwind writes every spacing utility as `calc(var(--spacing) * 3)` and every size as `var(--text-sm)`,
 * for themes that change those variables at run time; ours never does (the host page cannot reach the
 * shadow root, and the widget's own options set only `--org-chat-*`). So each theme variable with a
 * fixed value is written in place (`calc(var(--spacing) * 3)` becomes `12px`) and its declaration
 * dropped when nothing uses it any more: the same styles in about 0.3 KB (gzipped) less of the open
 * widget's 30 KB budget. Variables whose values use other variables are left as they are.
 */
function inlineThemeValues(css) {
  const start = css.indexOf('@layer theme{');
  if (start === -1) return css;
  const open = css.indexOf('{', css.indexOf('{', start) + 1);
  const end = blockEnd(css, css.indexOf('{', start));
  const block = css.slice(open + 1, css.indexOf('}', open));
  const fixed = new Map();
  for (const declaration of block.split(';')) {
    const match = /^(--[\w-]+):(.+)$/.exec(declaration.trim());
    if (match && !match[2].includes('var(')) fixed.set(match[1], match[2]);
  }
  const spacing = /^(\d*\.?\d+)px$/.exec(fixed.get('--spacing') ?? '')?.[1];
  let rest = css.slice(0, start) + css.slice(end);
  if (spacing) {
    rest = rest.replace(
      /calc\(var\(--spacing\)\s*\*\s*(-?\d*\.?\d+)\)/g,
      (_, n) => `${+(Number(spacing) * Number(n)).toFixed(3)}px`,
    );
  }
  rest = rest.replace(/var\((--[\w-]+)\)/g, (whole, name) => fixed.get(name) ?? whole);
  const kept = block
    .split(';')
    .filter((declaration) => {
      const name = /^(--[\w-]+):/.exec(declaration.trim())?.[1];
      return name && (!fixed.has(name) || rest.includes(name));
    })
    .join(';');
  const theme = kept ? `@layer theme{:host{${kept}}}` : '@layer theme;';
  return css.slice(0, start) + theme + rest.slice(start);
}

/**
 * Compiles widget/dist/widget.css; writes it only when it changed, so a watching rollup rebuilds the
 * widget only for a real change. Resolves with a line saying what happened.
 */
export async function buildCss() {
  const started = performance.now();
  const css = inlineThemeValues(
    remToPx(scopeRootToHost(inlineRegisteredProperties(await compileTailwind()))),
  );
  mkdirSync(dirname(output), { recursive: true });
  const unchanged = existsSync(output) && readFileSync(output, 'utf8') === css;
  if (!unchanged) writeFileSync(output, css);
  const ms = Math.round(performance.now() - started);
  return `${relative(root, output)}: ${(css.length / 1024).toFixed(1)} KB in ${ms} ms${unchanged ? ' (unchanged)' : ''}`;
}

/**
 * Rebuilds the CSS whenever a file under widget/src changes (a new class name, or styles.css), one build
 * at a time; `log` receives each result or error. Returns a function that stops watching.
 */
export function watchCss(log) {
  let timer;
  let running = Promise.resolve();
  const rebuild = () => {
    running = running.then(() => buildCss().then(log, (error) => log(`CSS build failed: ${error.message}`)));
  };
  const watcher = watch(sources, { recursive: true }, (_event, file) => {
    if (file && /\.test\.tsx?$/.test(file)) return;
    clearTimeout(timer);
    // Editors write a file in several steps: one build after the last of them.
    timer = setTimeout(rebuild, 100);
  });
  return () => {
    clearTimeout(timer);
    watcher.close();
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(await buildCss());
  if (process.argv.includes('--watch')) {
    console.log(`watching ${relative(root, sources)} for changes`);
    watchCss(console.log);
  }
}
