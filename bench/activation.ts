/**
 * Extension activation time in real VS Code (code-server + headless Chromium, the integration
 * harness) and the size of every shipped bundle, both from one production build.
 * Run: `npx tsx bench/activation.ts` (about a minute; installs code-server on first use).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';

const root = join(__dirname, '..');
const runs = 3;

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

const activationSchema = z.object({ evaluateMs: z.number(), activateMs: z.number() });

if (
  !run(process.execPath, ['esbuild.mjs', '--production']) ||
  !run(process.execPath, ['scripts/build-tests.mjs'])
) {
  process.stderr.write('activation bench: the build failed\n');
  process.exit(1);
}

const samples: z.infer<typeof activationSchema>[] = [];
for (let index = 0; index < runs; index += 1) {
  const folder = mkdtempSync(join(tmpdir(), 'tandem-activation-'));
  const out = join(folder, 'activation.json');
  const ok = run(
    process.execPath,
    ['--import', 'tsx', 'test/integration/run.ts', '--no-build', '--grep', 'activation took'],
    {
      TANDEM_BENCH_OUT: out,
    },
  );
  if (ok && existsSync(out)) {
    const parsed = activationSchema.safeParse(JSON.parse(readFileSync(out, 'utf8')));
    if (parsed.success) samples.push(parsed.data);
  }
  rmSync(folder, { recursive: true, force: true });
}

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
