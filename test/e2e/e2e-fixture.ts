/**
 * One VS Code (code-server) with the PACKAGED Tandem installed, a scripted Anthropic server as
 * its model (ANTHROPIC_BASE_URL in code-server's environment), and headless Chromium on the
 * workbench. Screenshots go to test-results/e2e/, each in the dark, light and high-contrast themes.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
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

/** The themes every screenshot is taken in, with the class VS Code gives the webview's body. */
const themes = [
  { suffix: '', label: 'Dark Modern', bodyClass: 'vscode-dark' },
  { suffix: '-light', label: 'Light Modern', bodyClass: 'vscode-light' },
  { suffix: '-high-contrast', label: 'Dark High Contrast', bodyClass: 'vscode-high-contrast' },
] as const;

export interface E2eFixture {
  page: Page;
  model: ScriptedModelServer;
  workspace: string;
  server: CodeServer;
  /** CLAUDE_CONFIG_DIR of the VS Code under test: Tandem's IDE lock files land in its `ide/`. */
  claudeConfigDir: string;
  /** The Tandem panel's document inside the two webview iframes. */
  panel(): FrameLocator;
  /**
   * Shows the Tandem view as a person would (its Focus Chat command, which never toggles it closed)
   * and waits until the composer is connected to the host. Resolves with how long that took, in ms.
   */
  openPanel(): Promise<number>;
  /** Runs a command from the command palette by its label. */
  command(label: string): Promise<void>;
  /** Saves the page in the dark (`<name>.png`), light and high-contrast themes. */
  screenshot(name: string): Promise<void>;
  /** Reloads the window (a new webview and a new extension host) and waits for a usable composer. */
  reload(): Promise<void>;
  /** Kills the extension host, as a crash would; VS Code starts a new one. */
  restartExtensionHost(): Promise<void>;
  close(): Promise<void>;
}

/** Options of {@link startE2e}. */
export interface E2eOptions {
  /** Open the Tandem view before returning (default true); false leaves a fresh window. */
  openPanel?: boolean;
}

let packaged: string | undefined;

/** Builds and packages the extension once per run; every suite installs the same .vsix. */
function packageExtension(): string {
  if (packaged !== undefined) return packaged;
  const args = ['scripts/package-vsix.mjs', ...(process.env['TANDEM_E2E_NO_BUILD'] ? ['--no-build'] : [])];
  const result = spawnSync('node', args, {
    cwd: repositoryRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const vsix = result.stdout.trim().split('\n').pop() ?? '';
  if (result.status !== 0 || !vsix.endsWith('.vsix')) throw new Error(`packaging failed:\n${result.stdout}`);
  packaged = vsix;
  return vsix;
}

/** The extension host process of a code-server: the `--type=extensionHost` process in its group. */
function extensionHostPid(server: CodeServer): number | undefined {
  const processes = execFileSync('ps', ['-eo', 'pid=,pgid=,args='], { encoding: 'utf8' });
  for (const line of processes.split('\n')) {
    const [pid, group, ...args] = line.trim().split(/\s+/);
    if (Number(group) === server.pid && args.join(' ').includes('--type=extensionHost')) return Number(pid);
  }
  return undefined;
}

/** Packages, installs and starts everything; the workspace holds `files`. */
export async function startE2e(files: Record<string, string>, options: E2eOptions = {}): Promise<E2eFixture> {
  const vsix = packageExtension();
  const binary = ensureCodeServer();
  const scratch = await mkdtemp(join(tmpdir(), 'tandem-e2e-'));
  const workspace = join(scratch, 'workspace');
  const extensionsDir = join(scratch, 'extensions');
  await mkdir(workspace, { recursive: true });
  await mkdir(screenshotFolder, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await mkdir(dirname(join(workspace, name)), { recursive: true });
    await writeFile(join(workspace, name), content);
  }
  installExtension(binary, extensionsDir, vsix);
  const model = new ScriptedModelServer();
  const { url } = await model.start();
  const settings: Record<string, unknown> = {
    'tandem.provider': 'anthropic',
    'tandem.model': 'claude-sonnet-4-5',
    'tandem.permissionMode': 'default',
    'workbench.colorTheme': 'Default Dark Modern',
    // The tests type unsaved changes on purpose; they must stay unsaved until the test says.
    'files.autoSave': 'off',
    // The scripted model answers in order: title calls would take the turns the tests queue.
    'tandem.chatTitles': false,
  };
  const server = await startCodeServer({
    binary,
    workspace,
    extensionsDir,
    settings,
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
  const panel = (): FrameLocator => page.frameLocator('iframe.webview').frameLocator('#active-frame');
  /** Types `query` into the open quick pick and chooses the row labelled exactly `label`; false if none shows. */
  const pick = async (query: string, label: string): Promise<boolean> => {
    await page.locator('.quick-input-widget input').fill(query);
    const row = page
      .locator('.quick-input-list .monaco-list-row')
      .filter({ has: page.locator('.label-name').getByText(label, { exact: true }) })
      .first();
    const listed = await row.waitFor({ timeout: 5_000 }).then(
      () => true,
      () => false,
    );
    if (listed) await row.click();
    return listed;
  };
  const fixture: E2eFixture = {
    page,
    model,
    workspace,
    server,
    claudeConfigDir: join(scratch, 'claude-config'),
    panel,
    async openPanel() {
      const started = Date.now();
      await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
      if (!(await panel().getByLabel('Message Tandem').isVisible()))
        await fixture.command('Tandem: Focus Chat');
      await panel()
        .getByPlaceholder(/^Ask Tandem/)
        .waitFor({ timeout: 60_000 });
      return Date.now() - started;
    },
    async command(label) {
      // Commands contributed by extensions join the palette once the extension host has started;
      // a palette opened earlier does not list them, so a person would close it and look again.
      for (let attempt = 1; ; attempt += 1) {
        // F1 reaches the workbench from the webview too: webviews forward key bindings to it.
        await page.keyboard.press('F1');
        if (await pick(`>${label}`, label)) return;
        await page.keyboard.press('Escape');
        if (attempt === 12) throw new Error(`the command palette never listed "${label}"`);
      }
    },
    async screenshot(name) {
      for (const theme of [...themes.slice(1), themes[0]]) {
        await fixture.command('Preferences: Color Theme');
        if (!(await pick(theme.label, theme.label))) throw new Error(`no colour theme "${theme.label}"`);
        await panel().locator(`body.${theme.bodyClass}`).waitFor();
        await page.screenshot({ path: join(screenshotFolder, `${name}${theme.suffix}.png`) });
      }
    },
    async reload() {
      const started = Date.now();
      await page.reload();
      const usable = await fixture.openPanel();
      process.stdout.write(
        `      (window reload → usable composer: ${Date.now() - started} ms, ${usable} ms of it after the page loaded)\n`,
      );
    },
    async restartExtensionHost() {
      const before = extensionHostPid(server);
      if (before === undefined) throw new Error('no extension host is running');
      process.kill(before, 'SIGKILL');
      for (let attempt = 0; attempt < 600; attempt += 1) {
        const after = extensionHostPid(server);
        if (after !== undefined && after !== before) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error('VS Code did not start a new extension host');
    },
    async close() {
      await browser.close();
      await server.stop();
      await model.close();
    },
  };
  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    if (options.openPanel ?? true) await fixture.openPanel();
    else await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  } catch (error) {
    await page.screenshot({ path: join(screenshotFolder, 'startup-failure.png') }).catch(() => {});
    await fixture.close();
    throw error;
  }
  return fixture;
}

/** Saves the page when the current test failed, named after it, to see what the person would have seen. */
export async function screenshotIfFailed(
  fixture: E2eFixture | undefined,
  test: Mocha.Test | undefined,
): Promise<void> {
  if (fixture === undefined || test?.state !== 'failed') return;
  const name = test.title.replace(/[^a-z0-9]+/gi, '-').slice(0, 80);
  await fixture.page.screenshot({ path: join(screenshotFolder, `failed-${name}.png`) }).catch(() => {});
}

/** Types a message into the composer and sends it with Enter, without waiting for anything. */
export async function sendMessage(fixture: E2eFixture, text: string): Promise<void> {
  const input = fixture.panel().getByLabel('Message Tandem');
  await input.fill(text);
  await input.press('Enter');
}

/** The edit preview card of a file (the newest, when the chat has several). */
export function editCard(fixture: E2eFixture, fileName: string) {
  return fixture
    .panel()
    .getByRole('region', { name: new RegExp(`^Edit .*${fileName.replace('.', '\\.')}$`) })
    .last();
}
