/**
 * What the benches that measure inside real VS Code share: one production build of the extension
 * and of the integration tests, then one integration test run several times (code-server +
 * headless Chromium), each run writing its sample as JSON to `TANDEM_BENCH_OUT`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { z } from 'zod';

const root = join(__dirname, '..');

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

/** Builds what the samples run; a failed build ends the bench, named by `bench`. */
export function buildForVscode(bench: string): void {
  if (
    !run(process.execPath, ['esbuild.mjs', '--production']) ||
    !run(process.execPath, ['scripts/build-tests.mjs'])
  ) {
    process.stderr.write(`${bench} bench: the build failed\n`);
    process.exit(1);
  }
}

/**
 * Runs the integration test whose title matches `grep` `runs` times, after the build; returns the
 * samples that came back valid (a failed run leaves none, so the count says how many are in).
 */
export function vscodeSamples<T>(options: { grep: string; runs: number; schema: z.ZodType<T> }): T[] {
  const samples: T[] = [];
  for (let index = 0; index < options.runs; index += 1) {
    const folder = mkdtempSync(join(tmpdir(), 'tandem-vscode-bench-'));
    const out = join(folder, 'sample.json');
    const ok = run(
      process.execPath,
      ['--import', 'tsx', 'test/integration/run.ts', '--no-build', '--grep', options.grep],
      { TANDEM_BENCH_OUT: out },
    );
    if (ok && existsSync(out)) {
      const parsed = options.schema.safeParse(JSON.parse(readFileSync(out, 'utf8')));
      if (parsed.success) samples.push(parsed.data);
    }
    rmSync(folder, { recursive: true, force: true });
  }
  return samples;
}
