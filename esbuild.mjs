// Bundles the extension, the CLI and the webview into dist/. `--watch` rebuilds on change.
import { build, context } from 'esbuild';
import { cpSync, mkdirSync } from 'node:fs';

const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  target: 'node20',
  platform: 'node',
  format: 'cjs',
  // web-tree-sitter locates its runtime through import.meta.url, which a CJS bundle lacks.
  define: { 'import.meta.url': '__tandemImportMetaUrl' },
  banner: { js: "const __tandemImportMetaUrl = require('url').pathToFileURL(__filename).href;" },
};

const targets = [
  {
    ...common,
    entryPoints: ['src/cli/main.ts'],
    outfile: 'dist/cli.js',
    banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
  },
  {
    ...common,
    entryPoints: ['src/host/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode'],
    // How long evaluating the bundle takes, read by activate() for bench/activation.ts.
    banner: { js: `const __tandemBundleStart = performance.now();\n${common.banner.js}` },
    footer: { js: 'globalThis.__tandemBundleEvaluateMs = performance.now() - __tandemBundleStart;' },
  },
  {
    bundle: true,
    sourcemap: production ? false : 'linked',
    minify: production,
    logLevel: 'warning',
    // React's development build is ~3x larger and much slower; the panel always ships the production one.
    define: { 'process.env.NODE_ENV': '"production"' },
    entryPoints: ['webview-ui/src/main.tsx'],
    outdir: 'dist/webview',
    entryNames: 'main',
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file', '.svg': 'file' },
    assetNames: '[name]',
    tsconfig: 'webview-ui/tsconfig.json',
  },
];

/** The shell parser loads these at run time; they ship beside the bundles. */
function copyAssets() {
  mkdirSync('dist', { recursive: true });
  cpSync('node_modules/web-tree-sitter/tree-sitter.wasm', 'dist/tree-sitter.wasm');
  cpSync('node_modules/tree-sitter-bash/tree-sitter-bash.wasm', 'dist/tree-sitter-bash.wasm');
}

copyAssets();
if (watch) {
  for (const options of targets) await (await context(options)).watch();
} else {
  await Promise.all(targets.map((options) => build(options)));
}
