// amazon-cognito-identity-js brings `buffer` 4, which reads Node's `global` as it loads; browsers do not
// have it, and bundlers such as Vite and esbuild do not define it ("global is not defined"). Defined
// here, only where missing, before that package loads: cognito.ts imports this first, and the build
// keeps it a chunk of its own (and package.json marks it a side effect) so the order survives bundling.
const scope = globalThis as { global?: unknown };
scope.global ??= globalThis;
