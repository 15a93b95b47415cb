/**
 * Desktop launcher: the same suite under @vscode/test-electron, which downloads VS Code (needs the
 * internet, so it is not run in CI here).
 *   node scripts/build-tests.mjs && npx tsx test/integration/run-electron.ts
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runTests } from '@vscode/test-electron';
import { repositoryRoot } from './code-server-harness';

async function main(): Promise<void> {
  const workspace = await mkdtemp(join(tmpdir(), 'tandem-integration-electron-'));
  await writeFile(join(workspace, 'README.md'), '# fixture workspace\n');
  await runTests({
    version: process.env['TANDEM_VSCODE_VERSION'] ?? 'stable',
    extensionDevelopmentPath: repositoryRoot,
    extensionTestsPath: join(repositoryRoot, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`integration (electron): ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
