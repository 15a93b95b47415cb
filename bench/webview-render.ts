/**
 * Webview rendering bench: loads the bundled panel in headless Chromium with a fake VS Code API,
 * feeds a long conversation whose answers hold tables and code blocks, then streams tokens into
 * it, then opens a chat holding a crafted 80 KB paragraph and streams into that; prints frame
 * times, long tasks, JS heap and the bundle size.
 * Run: `npx tsx bench/webview-render.ts [--messages 2000] [--tokens 20000] [--rate 200]
 * [--seconds N] [--crafted-seconds 5] [--bundle-dir dist/webview] [--screenshot out.png]
 * [--profile out.cpuprofile] [--prefill chars]`. Without `--bundle-dir` it bundles the webview
 * itself (production, minified) into a temp dir, so it measures what ships.
 */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { type Page, chromium } from 'playwright-core';
import { emptyChatSnapshot } from '../src/protocol/chat-snapshot';
import type { ConversationEntry } from '../src/protocol/conversation-entry';
import type { HostToWebviewMessage } from '../src/protocol/host-to-webview-message';
import { HostMessageType } from '../src/protocol/message-type';
import { chromiumArgs } from '../test/integration/code-server-harness';

interface Options {
  messages: number;
  tokens: number;
  rate: number;
  bundleDir: string | undefined;
  chromium: string;
  /** Where to save a PNG of the panel after streaming. */
  screenshot: string | undefined;
  /** Where to save a CPU profile of the streaming phase (the bundle is then left unminified). */
  profile: string | undefined;
  /** Characters of the streamed answer already there before streaming starts (the end of a long answer, quickly). */
  prefill: number;
  /** How long to stream into the crafted paragraph. */
  craftedSeconds: number;
}

interface Measurement {
  deltas: number[];
  heap: number[];
  longTasks: number;
  longTaskMs: number;
  longestTaskMs: number;
  elapsedMs: number;
  domNodes: number;
}

const root = resolve(__dirname, '..');
const chatId = 'bench';
const craftedChatId = 'crafted';
/** Every assistant answer, and the text streamed (cycled): prose, a table, fences in a list, a diff. */
const sample = [
  'Here is what I found in `src/core/loop/query.ts`. The loop **streams** the model, runs tools as ',
  'their blocks complete and *recovers* from errors.\n\n## Plan\n\n| step | file | status |\n',
  '|:-----|:-----|-------:|\n| read | `query.ts` | done |\n| fix | `window.ts` | open |\n\n',
  '1. Read the failing test\n2. Fix the off-by-one in `computeWindow`:\n\n   ```ts\n',
  '   export function add(a: number, b: number): number {\n     // keep it simple\n     return a + b;\n',
  '   }\n   ```\n\n3. Run the suite\n\n```diff\n-  const end = messages.length - 1;\n',
  '+  const end = messages.length;\n```\n\n- [x] reproduce\n- [ ] fix\n\nSee ',
  '[the docs](https://example.com/docs_(v2)) for details.\n\n',
].join('');
/** One 80 KB paragraph of unmatched emphasis openers: quadratic for a naive emphasis matcher. */
const craftedUnit = '**a ';
const craftedParagraph = craftedUnit.repeat(20_000);

function readOptions(): Options {
  const { values } = parseArgs({
    options: {
      messages: { type: 'string', default: '2000' },
      tokens: { type: 'string', default: '20000' },
      rate: { type: 'string', default: '200' },
      seconds: { type: 'string' },
      'bundle-dir': { type: 'string' },
      chromium: { type: 'string', default: '/usr/bin/chromium' },
      screenshot: { type: 'string' },
      profile: { type: 'string' },
      prefill: { type: 'string', default: '0' },
      'crafted-seconds': { type: 'string', default: '5' },
    },
  });
  const rate = Number(values.rate);
  const tokens =
    values.seconds === undefined ? Number(values.tokens) : Math.round(Number(values.seconds) * rate);
  return {
    messages: Number(values.messages),
    tokens,
    rate,
    bundleDir: values['bundle-dir'],
    chromium: values.chromium,
    screenshot: values.screenshot,
    profile: values.profile,
    prefill: Number(values.prefill),
    craftedSeconds: Number(values['crafted-seconds']),
  };
}

async function bundleWebview(minify: boolean): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'tandem-webview-bench-'));
  await build({
    entryPoints: [join(root, 'webview-ui/src/main.tsx')],
    bundle: true,
    minify,
    define: { 'process.env.NODE_ENV': '"production"' },
    format: 'iife',
    platform: 'browser',
    target: 'chrome120',
    jsx: 'automatic',
    loader: { '.ttf': 'file' },
    assetNames: '[name]',
    outdir: dir,
    entryNames: 'main',
    tsconfig: join(root, 'webview-ui/tsconfig.json'),
    logLevel: 'warning',
  });
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.ttf': 'font/ttf',
};

async function serve(bundleDir: string): Promise<{ url: string; close: () => Promise<void> }> {
  const pageDir = join(root, 'bench/webview');
  const files: Record<string, string> = {
    '/': join(pageDir, 'index.html'),
    '/driver.js': join(pageDir, 'driver.js'),
    '/theme.css': join(pageDir, 'theme.css'),
    '/main.js': join(bundleDir, 'main.js'),
    '/main.css': join(bundleDir, 'main.css'),
    '/codicon.ttf': join(bundleDir, 'codicon.ttf'),
  };
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/favicon.ico') {
      response.writeHead(204).end();
      return;
    }
    const file = files[path];
    if (file === undefined) {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then(
      (body) =>
        response
          .writeHead(200, {
            'content-type': contentTypes[extname(file) || '.html'] ?? 'application/octet-stream',
          })
          .end(body),
      () => response.writeHead(404).end(),
    );
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((done) => server.close(() => done())) };
}

function conversation(count: number): ConversationEntry[] {
  return Array.from({ length: count }, (_, index): ConversationEntry => {
    switch (index % 4) {
      case 0:
        return {
          kind: 'user',
          id: `u${index}`,
          text: `Question ${index}: why does the test fail?`,
          attachments: [],
        };
      case 1:
        return { kind: 'assistant', id: `a${index}`, text: `Answer ${index}. ${sample}` };
      case 2:
        return {
          kind: 'tool',
          id: `t${index}`,
          name: 'Read',
          summary: `src/file-${index}.ts`,
          status: 'done',
          durationMs: 12,
          resultPreview: 'export const x = 1;\n'.repeat(5),
          isError: false,
        };
      default:
        return {
          kind: 'usage',
          id: `s${index}`,
          usage: { inputTokens: 1200, outputTokens: 300, cacheReadTokens: 40_000, cacheCreationTokens: 800 },
          costUsd: 0.0123,
          terminalReason: 'completed',
        };
    }
  });
}

function percentile(values: readonly number[], fraction: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))] ?? Number.NaN;
}

const mb = (bytes: number): string => (bytes / 1024 / 1024).toFixed(1);

function row(phase: string, result: Measurement): string[] {
  const jank = result.deltas.filter((delta) => delta > 50).length;
  return [
    phase,
    String(result.deltas.length),
    percentile(result.deltas, 0.5).toFixed(1),
    percentile(result.deltas, 0.95).toFixed(1),
    Math.max(0, ...result.deltas).toFixed(1),
    String(jank),
    `${result.longTasks} (${Math.round(result.longTaskMs)} ms)`,
    result.longestTaskMs.toFixed(0),
    mb(Math.max(0, ...result.heap)),
    (result.elapsedMs / 1000).toFixed(1),
    String(result.domNodes),
  ];
}

function printTable(rows: string[][]): void {
  const header = [
    'phase',
    'frames',
    'p50 ms',
    'p95 ms',
    'max ms',
    '>50ms',
    'long tasks',
    'longest ms',
    'peak heap MB',
    'seconds',
    'DOM nodes',
  ];
  const table = [header, ...rows];
  const widths = header.map((_, column) => Math.max(...table.map((cells) => (cells[column] ?? '').length)));
  for (const cells of table)
    console.log(cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  '));
}

/**
 * Opens a second chat whose answer is one crafted 80 KB paragraph (time until it is on screen, and
 * the longest task that blocked the panel meanwhile), then streams more of it into that answer.
 */
async function craftedParagraphPhases(
  page: Page,
  options: Options,
): Promise<{ open: Measurement; stream: Measurement }> {
  const messages: HostToWebviewMessage[] = [
    {
      type: HostMessageType.DidChangeChats,
      chats: [
        { id: chatId, title: 'Bench', busy: false, updatedAt: 0 },
        { id: craftedChatId, title: 'Crafted', busy: true, updatedAt: 1 },
      ],
      activeChatId: craftedChatId,
    },
    {
      type: HostMessageType.DidLoadChat,
      chatId: craftedChatId,
      chat: {
        ...emptyChatSnapshot(),
        busy: true,
        entries: [
          { kind: 'user', id: 'crafted-question', text: 'Repeat this.', attachments: [] },
          { kind: 'assistant', id: 'crafted-answer', text: craftedParagraph },
        ],
      },
    },
  ];
  const open = (await page.evaluate(`window.__bench.load(${JSON.stringify(messages)})`)) as Measurement;
  const streamOptions = {
    chatId: craftedChatId,
    tokens: Math.round(options.craftedSeconds * options.rate),
    rate: options.rate,
    sample: craftedUnit,
  };
  const stream = (await page.evaluate(
    `window.__bench.stream(${JSON.stringify(streamOptions)})`,
  )) as Measurement;
  return { open, stream };
}

async function bundleSizes(dir: string, minified: boolean): Promise<string> {
  const kib = async (file: string): Promise<string> => ((await stat(join(dir, file))).size / 1024).toFixed(1);
  return `bundle${minified ? ' (production, minified)' : ''}: main.js ${await kib('main.js')} KiB, main.css ${await kib('main.css')} KiB`;
}

async function main(): Promise<void> {
  const options = readOptions();
  const bundle =
    options.bundleDir === undefined
      ? await bundleWebview(options.profile === undefined)
      : { dir: resolve(options.bundleDir), cleanup: async () => undefined };
  const server = await serve(bundle.dir);
  const userDataDir = await mkdtemp(join(tmpdir(), 'tandem-bench-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: options.chromium,
    headless: true,
    viewport: { width: 420, height: 900 },
    args: ['--headless', ...chromiumArgs, '--enable-precise-memory-info'],
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    // A CSP violation would mean the panel needs a looser policy than the one the host sets.
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(server.url);
    await page.waitForFunction('window.__bench && window.__bench.posted.some((m) => m.type === "ready")');
    const cdp = await context.newCDPSession(page);
    const heapAfterGc = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      const { metrics } = await cdp.send('Performance.getMetrics');
      return metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? 0;
    };
    await cdp.send('Performance.enable');

    const setup: HostToWebviewMessage[] = [
      {
        type: HostMessageType.DidChangeState,
        mode: 'default',
        model: 'bench',
        models: [{ id: 'bench', label: 'Bench model' }],
        trusted: true,
      },
      {
        type: HostMessageType.DidChangeChats,
        chats: [{ id: chatId, title: 'Bench', busy: true, updatedAt: 0 }],
        activeChatId: chatId,
      },
      {
        type: HostMessageType.DidLoadChat,
        chatId,
        chat: {
          ...emptyChatSnapshot(),
          busy: true,
          entries: [
            ...conversation(options.messages),
            ...(options.prefill > 0
              ? [
                  {
                    kind: 'assistant' as const,
                    id: 'prefill',
                    text: sample.repeat(Math.ceil(options.prefill / sample.length)).slice(0, options.prefill),
                  },
                ]
              : []),
          ],
        },
      },
    ];
    const load = (await page.evaluate(`window.__bench.load(${JSON.stringify(setup)})`)) as Measurement;
    const heapLoaded = await heapAfterGc();
    console.log(
      `streaming ${options.tokens} tokens at ${options.rate}/s into a ${options.messages}-message conversation…`,
    );
    if (options.profile !== undefined) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const stream = (await page.evaluate(
      `window.__bench.stream(${JSON.stringify({ chatId, tokens: options.tokens, rate: options.rate, sample })})`,
    )) as Measurement;
    if (options.profile !== undefined) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(options.profile, JSON.stringify(profile));
    }
    const heapStreamed = await heapAfterGc();
    if (options.screenshot !== undefined) await page.screenshot({ path: options.screenshot });
    const rendered = await page.evaluate('document.querySelectorAll(".virtual-row").length');
    const crafted = await craftedParagraphPhases(page, options);

    printTable([
      row(`load ${options.messages} messages`, load),
      row(`stream ${options.tokens} tokens`, stream),
      row('open 80 KB paragraph', crafted.open),
      row(`stream into it ${options.craftedSeconds} s`, crafted.stream),
    ]);
    console.log(
      `JS heap after GC: ${mb(heapLoaded)} MB loaded, ${mb(heapStreamed)} MB after streaming; rows in DOM: ${String(rendered)}`,
    );
    console.log(
      await bundleSizes(bundle.dir, options.bundleDir === undefined && options.profile === undefined),
    );
    if (errors.length > 0) console.log(`page errors: ${errors.join(' | ')}`);
  } finally {
    await context.close();
    await server.close();
    await rm(userDataDir, { recursive: true, force: true });
    await bundle.cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
