/**
 * The tests module VS Code loads as `extensionTestsPath`: runs mocha inside the extension host
 * and reports through the file named by TANDEM_TEST_RESULTS (code-server) and through the
 * returned promise (test-electron).
 */
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

/** Runs every compiled `*.test.js` beside this module; rejects when any test fails. */
export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 30_000, color: false, reporter: 'spec' });
  const grep = process.env['TANDEM_TEST_GREP'];
  if (grep) mocha.grep(grep);
  const suiteFolder = join(__dirname, 'suite');
  for (const name of readdirSync(suiteFolder).sort()) {
    if (name.endsWith('.test.js')) mocha.addFile(join(suiteFolder, name));
  }
  const lines: string[] = [];
  const counts = { passes: 0, failures: 0, pending: 0 };
  const resultsFile = process.env['TANDEM_TEST_RESULTS'];
  await new Promise<void>((resolveRun) => {
    const runner = mocha.run(() => resolveRun());
    runner.on('pass', (test) => {
      counts.passes += 1;
      lines.push(`  ✓ ${test.fullTitle()} (${String(test.duration ?? 0)} ms)`);
    });
    runner.on('pending', (test) => {
      counts.pending += 1;
      lines.push(`  - ${test.fullTitle()}`);
    });
    runner.on('fail', (test, error: unknown) => {
      counts.failures += 1;
      const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
      lines.push(`  ✗ ${test.fullTitle()}\n${detail.replace(/^/gm, '      ')}`);
    });
  });
  if (resultsFile) writeFileSync(resultsFile, JSON.stringify({ ...counts, lines }));
  if (counts.failures > 0) throw new Error(`${counts.failures} integration test(s) failed`);
}
