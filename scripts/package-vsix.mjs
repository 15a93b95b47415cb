// Builds (minified, no source maps) and packages the extension: out/tandem.vsix. Everything is bundled, so no dependencies
// are packed (--no-dependencies); .vscodeignore keeps only dist/, media/ and the metadata.
//   node scripts/package-vsix.mjs [--no-build]   → prints the .vsix path on its last line
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const output = join(root, 'out', 'tandem.vsix');

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  return result.status === 0;
}

if (!process.argv.includes('--no-build')) {
  if (!run('node', ['esbuild.mjs', '--production'])) process.exit(1);
}
if (!existsSync(join(root, 'dist', 'extension.js'))) {
  console.error('[package-vsix] dist/extension.js is missing');
  process.exit(1);
}
mkdirSync(join(root, 'out'), { recursive: true });
const vsce = join(root, 'node_modules', '.bin', 'vsce');
const ok = run(vsce, [
  'package',
  '--no-dependencies',
  '--skip-license',
  '--allow-star-activation',
  '--out',
  output,
]);
if (!ok) process.exit(1);
console.log(output);
