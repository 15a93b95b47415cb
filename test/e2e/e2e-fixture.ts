/**
 * One VS Code (code-server) with the PACKAGED Tandem installed, a scripted Anthropic server as
 * its model (ANTHROPIC_BASE_URL in code-server's environment), and headless Chromium on the
 * workbench. Screenshots go to test-results/e2e/.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, FrameLocator, Page } from 'playwright-core';
import { ScriptedModelServer } from '../support/scripted-model-server';
import type { CodeServer } from '../integration/code-server-harness';
import {
  ensureCodeServer,
  installExtension,
  launchChromium,
  repositoryRoot,
  startCodeServer,
} from '../integration/code-server-harness';

/** Where screenshots of each step are saved. */
export const screenshotFolder = join(repositoryRoot, 'test-results', 'e2e');

export interface E2eFixture {
  page: Page;
  model: ScriptedModelServer;
  workspace: string;
  server: CodeServer;
  /** CLAUDE_CONFIG_DIR of the VS Code under test: Tandem's IDE lock files land in its `ide/`. */
  claudeConfigDir: string;
  /** The Tandem panel's document inside the two webview iframes. */
  panel(): FrameLocator;
  openPanel(): Promise<void>;
  screenshot(name: string): Promise<void>;
  reload(): Promise<void>;
  close(): Promise<void>;
}

function packageExtension(): string {
  const args = ['scripts/package-vsix.mjs', ...(process.env['TANDEM_E2E_NO_BUILD'] ? ['--no-build'] : [])];
  const result = spawnSync('node', args, {
    cwd: repositoryRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const vsix = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !vsix.endsWith('.vsix')) throw new Error(`packaging failed:\n${result.stdout}`);
  return vsix;
}

/** Packages, installs and starts everything; the workspace holds `files`. */
export async function startE2e(files: Record<string, string>): Promise<E2eFixture> {
  const vsix = packageExtension();
  const binary = ensureCodeServer();
  const scratch = await mkdtemp(join(tmpdir(), 'tandem-e2e-'));
  const workspace = join(scratch, 'workspace');
  const extensionsDir = join(scratch, 'extensions');
  await mkdir(workspace, { recursive: true });
  await mkdir(screenshotFolder, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(workspace, name), content);
  installExtension(binary, extensionsDir, vsix);
  const model = new ScriptedModelServer();
  const { url } = await model.start();
  const server = await startCodeServer({
    binary,
    workspace,
    extensionsDir,
    settings: {
      'tandem.provider': 'anthropic',
      'tandem.model': 'claude-sonnet-4-5',
      'tandem.permissionMode': 'default',
    },
    env: {
      ANTHROPIC_BASE_URL: url,
      ANTHROPIC_API_KEY: 'sk-ant-e2e-test',
      TANDEM_HOME: join(scratch, 'tandem-home'),
      CLAUDE_CONFIG_DIR: join(scratch, 'claude-config'),
    },
    verbose: process.env['TANDEM_E2E_VERBOSE'] !== undefined,
  });
  const browser: Browser = await launchChromium().catch(async (error: unknown) => {
    await server.stop();
    await model.close();
    throw error;
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
  const workbenchUrl = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  const fixture: E2eFixture = {
    page,
    model,
    workspace,
    server,
    claudeConfigDir: join(scratch, 'claude-config'),
    panel: () => page.frameLocator('iframe.webview').frameLocator('#active-frame'),
    async openPanel() {
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      await page.locator('.activitybar .action-item a[aria-label^="Tandem"]').first().click();
      await fixture
        .panel()
        .getByPlaceholder(/^Ask Tandem/)
        .waitFor({ timeout: 60_000 });
    },
    async screenshot(name) {
      await page.screenshot({ path: join(screenshotFolder, `${name}.png`) });
    },
    async reload() {
      await page.reload();
      await fixture.openPanel();
    },
    async close() {
      await browser.close();
      await server.stop();
      await model.close();
    },
  };
  try {
    await page.goto(workbenchUrl);
    await fixture.openPanel();
  } catch (error) {
    await fixture.screenshot('startup-failure').catch(() => {});
    await fixture.close();
    throw error;
  }
  return fixture;
}

/** Types a message into the composer and sends it. */
export async function sendMessage(fixture: E2eFixture, text: string): Promise<void> {
  const input = fixture.panel().getByLabel('Message Tandem');
  await input.fill(text);
  await fixture.panel().getByRole('button', { name: 'Send' }).click();
}
