/**
 * Integration launcher (offline): builds the extension and the suite, starts code-server with the
 * extension under development, opens the test URL in headless Chromium, and waits for the suite's
 * results file (written by suite/index.ts from inside the remote extension host).
 * Exit code: 0 all passed, 1 failures, 2 timeout or harness error.
 *   npx tsx test/integration/run.ts [--no-build] [--grep <pattern>] [--verbose]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import {
  ensureCodeServer,
  extensionTestUrl,
  launchChromium,
  repositoryRoot,
  startCodeServer,
} from './code-server-harness';

const testResultsSchema = z.object({
  passes: z.number(),
  failures: z.number(),
  pending: z.number(),
  lines: z.array(z.string()),
});

const timeoutMs = Number(process.env['TANDEM_INTEGRATION_TIMEOUT_MS'] ?? 180_000);

function option(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { cwd: repositoryRoot, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

async function main(): Promise<number> {
  const started = Date.now();
  if (!process.argv.includes('--no-build')) {
    // The project build makes dist/ (extension, webview); the suite is bundled beside it.
    run('node', ['esbuild.mjs']);
    run('node', ['scripts/build-tests.mjs']);
  }
  const binary = ensureCodeServer();
  const scratch = await mkdtemp(join(tmpdir(), 'tandem-integration-'));
  const workspace = join(scratch, 'workspace');
  await mkdir(workspace);
  await writeFile(join(workspace, 'README.md'), '# fixture workspace\n');
  const resultsFile = join(scratch, 'results.json');
  const grep = option('--grep');
  const server = await startCodeServer({
    binary,
    workspace,
    verbose: process.argv.includes('--verbose'),
    env: {
      TANDEM_TEST_RESULTS: resultsFile,
      // The IDE bridge's lock files go here, not into the real ~/.claude.
      CLAUDE_CONFIG_DIR: join(scratch, 'claude-config'),
      ANTHROPIC_API_KEY: '',
      OPENAI_API_KEY: '',
      ANTHROPIC_AUTH_TOKEN: '',
      ...(grep ? { TANDEM_TEST_GREP: grep } : {}),
    },
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    page.on('console', (message) => {
      if (process.argv.includes('--verbose')) process.stderr.write(`[workbench] ${message.text()}\n`);
    });
    await page.goto(
      extensionTestUrl({
        server,
        workspace,
        extensionDevelopmentPath: repositoryRoot,
        extensionTestsPath: join(repositoryRoot, 'out', 'test', 'integration', 'index.js'),
      }),
    );
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(resultsFile)) {
      if (Date.now() > deadline) {
        process.stderr.write(`integration: no results after ${timeoutMs} ms\n${server.output()}\n`);
        await page
          .screenshot({ path: join(repositoryRoot, 'test-results', 'integration-timeout.png') })
          .catch(() => {});
        return 2;
      }
      await new Promise((resolveDelay) => setTimeout(resolveDelay, 500));
    }
    await new Promise((resolveDelay) => setTimeout(resolveDelay, 200));
    const parsed = testResultsSchema.safeParse(JSON.parse(await readFile(resultsFile, 'utf8')));
    if (!parsed.success) {
      process.stderr.write(`integration: unreadable results file ${resultsFile}\n`);
      return 2;
    }
    const results = parsed.data;
    process.stdout.write(`${results.lines.join('\n')}\n`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    process.stdout.write(
      `\nintegration (VS Code in code-server + Chromium): ` +
        `${results.passes} passing, ${results.failures} failing, ${results.pending} pending, ${seconds} s\n`,
    );
    return results.failures > 0 || results.passes === 0 ? 1 : 0;
  } finally {
    await browser.close();
    await server.stop();
    if (!process.env['TANDEM_KEEP_SCRATCH']) await rm(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `integration: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(2);
  },
);
