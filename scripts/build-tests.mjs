// Bundles the integration suite (test/integration/suite) to out/test/integration for the extension host:
// index.js (the extensionTestsPath module) and suite/*.test.js. `vscode` and `mocha` stay external
// (the host provides the first, node_modules the second).
import { build } from 'esbuild';
import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const suite = join(root, 'test', 'integration', 'suite');
const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: 'inline',
  logLevel: 'warning',
};

// A removed test must not keep running from a stale bundle.
rmSync(join(root, 'out', 'test', 'integration'), { recursive: true, force: true });
await build({
  ...common,
  entryPoints: {
    index: join(suite, 'index.ts'),
    ...Object.fromEntries(
      readdirSync(suite)
        .filter((name) => name.endsWith('.test.ts'))
        .map((name) => [`suite/${name.replace(/\.ts$/, '')}`, join(suite, name)]),
    ),
  },
  outdir: join(root, 'out', 'test', 'integration'),
  external: ['vscode', 'mocha'],
});
