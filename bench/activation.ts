/**
 * Extension activation time in real VS Code (code-server + headless Chromium, the integration
 * harness) and the size of every shipped bundle, both from one production build.
 * Run: `npx tsx bench/activation.ts` (about a minute; installs code-server on first use).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { buildForVscode, vscodeSamples } from './vscode-samples';

const root = join(__dirname, '..');
const runs = 3;

const activationSchema = z.object({ evaluateMs: z.number(), activateMs: z.number() });

buildForVscode('activation');

const samples = vscodeSamples({ grep: 'activation took', runs, schema: activationSchema });

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};
console.log(`| activation (VS Code 1.100.3, median of ${samples.length}) | ms |`);
console.log('|---|---|');
console.log(`| activate() | ${median(samples.map((sample) => sample.activateMs)).toFixed(1)} |`);
console.log(
  `| evaluating dist/extension.js | ${median(samples.map((sample) => sample.evaluateMs)).toFixed(1)} |`,
);
console.log('');
console.log('| bundle (production) | KiB |');
console.log('|---|---|');
for (const file of [
  'dist/extension.js',
  'dist/cli.js',
  'dist/webview/main.js',
  'dist/webview/main.css',
  'dist/tree-sitter.wasm',
  'dist/tree-sitter-bash.wasm',
]) {
  const path = join(root, file);
  console.log(`| ${file} | ${existsSync(path) ? (statSync(path).size / 1024).toFixed(0) : 'missing'} |`);
}
