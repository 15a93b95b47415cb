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
  // As in esbuild.mjs: web-tree-sitter locates its runtime through import.meta.url, which a CJS
  // bundle lacks, so without this the shell parser never loads in the suite's extension host.
  define: { 'import.meta.url': '__tandemImportMetaUrl' },
  banner: { js: "const __tandemImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
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
