/**
 * Opening a history of 1,000 saved sessions (about 40 KB of transcript each): the time to list
 * them from the index, against reading every transcript in full (what listing did before the index).
 * Also the index's one-time rebuild, and a listing after one session grew. Each figure is the median
 * of several runs in one process. Run with `npx tsx bench/session-history.ts [sessions]`.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Message } from '../src/core/messages/message';
import { silentLogger } from '../src/core/ports';
import type { TranscriptEntry } from '../src/core/session/transcript-entry';
import { restoreSession } from '../src/core/session/restore-session';
import { JsonlTranscriptStore } from '../src/node/session/jsonl-transcript-store';
import { indexFileName } from '../src/node/session/session-index';
import { formatFigure } from './peer-agents';

const sessionCount = Math.max(1, Number(process.argv[2] ?? 1_000));
const repeats = 9;

function transcript(session: number): string {
  const entries: TranscriptEntry[] = [
    {
      type: 'session-start',
      sessionId: `s${session}`,
      cwd: '/work/app',
      model: 'claude-sonnet-4-6',
      timestamp: 1,
    },
  ];
  for (let turn = 0; turn < 10; turn += 1) {
    const prompt: Message = {
      role: 'user',
      content: [{ type: 'text', text: `Session ${session}, request ${turn}: fix the parser.` }],
    };
    const call: Message = {
      role: 'assistant',
      content: [
        { type: 'text', text: 'Reading the parser first.' },
        { type: 'tool_use', id: `t${turn}`, name: 'Read', input: { file_path: '/work/app/src/parser.ts' } },
      ],
    };
    const result: Message = {
      role: 'user',
      synthetic: true,
      content: [
        { type: 'tool_result', toolUseId: `t${turn}`, content: 'const x = 1;\n'.repeat(250), isError: false },
      ],
    };
    const answer: Message = {
      role: 'assistant',
      content: [{ type: 'text', text: 'Fixed the off-by-one in the tokenizer. '.repeat(8) }],
    };
    for (const message of [prompt, call, result, answer])
      entries.push({ type: 'message', message, timestamp: 2 + turn });
  }
  entries.push({ type: 'title', title: `Parser fix ${session}`, timestamp: 99 });
  return entries.map((entry) => `${JSON.stringify(entry)}\n`).join('');
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(action: () => void): number {
  const started = performance.now();
  action();
  return performance.now() - started;
}

async function main(): Promise<void> {
  const directory = mkdtempSync(join(tmpdir(), 'tandem-history-bench-'));
  try {
    let bytes = 0;
    for (let session = 0; session < sessionCount; session += 1) {
      const text = transcript(session);
      bytes += text.length;
      writeFileSync(join(directory, `s${session}.jsonl`), text);
    }
    const readAll = median(
      Array.from({ length: 3 }, () =>
        time(() => {
          for (const name of readdirSync(directory)) {
            if (name.endsWith('.jsonl'))
              restoreSession(readFileSync(join(directory, name), 'utf8').split('\n'));
          }
        }),
      ),
    );
    const rebuild = median(
      Array.from({ length: 3 }, () => {
        try {
          unlinkSync(join(directory, indexFileName));
        } catch {
          // first run: no index yet
        }
        return time(() => new JsonlTranscriptStore(directory, silentLogger).list());
      }),
    );
    unlinkSync(join(directory, indexFileName));
    const warmStore = new JsonlTranscriptStore(directory, silentLogger);
    const warmStarted = performance.now();
    await warmStore.warm();
    const warm = performance.now() - warmStarted;
    const afterWarm = time(() => warmStore.list());
    let listed = 0;
    const open = median(
      Array.from({ length: repeats }, () =>
        time(() => (listed = new JsonlTranscriptStore(directory, silentLogger).list().length)),
      ),
    );
    const store = new JsonlTranscriptStore(directory, silentLogger);
    store.list();
    const grown = median(
      Array.from({ length: repeats }, (_, run) => {
        store.sink('s7').append({ type: 'title', title: `Renamed ${run}`, timestamp: 100 + run });
        return time(() => store.list());
      }),
    );
    const rows = [
      `| ${sessionCount.toLocaleString('en-US')} sessions, ${formatFigure(bytes / sessionCount / 1024, 0)} KB each (median ms) | goal | ms |`,
      '|---|---|---|',
      `| open the history from the index (new process: read index, stat transcripts) | < 100 | ${formatFigure(open, 1)} |`,
      `| … after one session grew (fold its new lines) | < 100 | ${formatFigure(grown, 1)} |`,
      `| rebuild a missing index, blocking (once) | | ${formatFigure(rebuild, 0)} |`,
      `| rebuild in the background (warm(), asynchronous reads), then list | — , < 100 | ${formatFigure(warm, 0)}, then ${formatFigure(afterWarm, 1)} |`,
      `| read every transcript in full (listing before the index) | | ${formatFigure(readAll, 0)} |`,
      `| index ÷ reading every transcript | | ${formatFigure(open / readAll, 3)} |`,
    ];
    if (listed !== sessionCount) throw new Error(`listed ${listed} of ${sessionCount} sessions`);
    process.stdout.write(`${rows.join('\n')}\n`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

void main();
