// Bundles the integration suite (test/integration/suite) to out/test/integration for the extension host:
// index.js (the extensionTestsPath module) and suite/*.test.js. `vscode` and `mocha` stay external
// (the host provides the first, node_modules the second).
// `--extension` also bundles src/host/extension.ts to dist/extension.js and the webview to
// dist/webview/ (the same options as esbuild.mjs), a fallback for when esbuild.mjs cannot build.
import { build } from 'esbuild';
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
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

if (process.argv.includes('--extension')) {
  await build({
    ...common,
    entryPoints: [join(root, 'src', 'host', 'extension.ts')],
    outfile: join(root, 'dist', 'extension.js'),
    external: ['vscode'],
    sourcemap: true,
  });
  if (existsSync(join(root, 'webview-ui', 'src', 'main.tsx'))) {
    cpSync(join(root, 'node_modules/web-tree-sitter/tree-sitter.wasm'), join(root, 'dist/tree-sitter.wasm'));
    cpSync(
      join(root, 'node_modules/tree-sitter-bash/tree-sitter-bash.wasm'),
      join(root, 'dist/tree-sitter-bash.wasm'),
    );
    await build({
      bundle: true,
      sourcemap: 'linked',
      logLevel: 'warning',
      entryPoints: [join(root, 'webview-ui', 'src', 'main.tsx')],
      outdir: join(root, 'dist', 'webview'),
      entryNames: 'main',
      format: 'iife',
      platform: 'browser',
      target: 'chrome120',
      jsx: 'automatic',
      loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
      assetNames: '[name]',
      tsconfig: join(root, 'webview-ui', 'tsconfig.json'),
    });
  }
}
