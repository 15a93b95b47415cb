/**
 * Checkpoints: size on disk and time, on the real disk with the real scanner (ripgrep).
 * Run: npx tsx bench/checkpoints.ts
 * The workspace is a copy of this repository's own sources (src, test, webview-ui, bench, docs);
 * 50 turns each edit 20 files of a 200-file working set through the checkpointing Workspace (every
 * file is changed five times, one line replaced and one added, as an agent's edit would). Prints the
 * bytes kept beside a shadow git repository committed after every turn (the approach Cline takes),
 * the time a turn's checkpoint adds, the scan of a 10,000-file workspace, and restores to before the
 * last and the first turn.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { executeRestore } from '../src/core/checkpoints/restore-executor';
import { silentLogger } from '../src/core/ports';
import { TreeSitterShellParser } from '../src/node/bash-parser/tree-sitter-shell-parser';
import { CheckpointStorage } from '../src/node/checkpoints/checkpoint-storage';
import { createCheckpointing } from '../src/node/checkpoints/create-checkpointing';
import { NodeFileScanner } from '../src/node/checkpoints/node-file-scanner';
import { SystemClock } from '../src/node/clock/system-clock';
import { NodeWorkspace } from '../src/node/workspace/node-workspace';

const workingSet = 200;
const turns = 50;
const filesPerTurn = 20;
const repository = join(__dirname, '..');
const sourceFolders = ['src', 'test', 'webview-ui/src', 'bench', 'docs'];

/** An agent-sized edit: the middle line replaced, a line added after it. */
function edited(text: string, turn: number): string {
  const lines = text.split('\n');
  const middle = Math.floor(lines.length / 2);
  lines.splice(
    middle,
    1,
    `${lines[middle] ?? ''} // changed in turn ${turn}`,
    `const turn${turn} = ${turn};`,
  );
  return lines.join('\n');
}

function sizeOf(path: string): { bytes: number; files: number } {
  let bytes = 0;
  let files = 0;
  for (const entry of readdirSync(path, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
    files += 1;
  }
  return { bytes, files };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;
const ms = (value: number) => `${value.toFixed(1)} ms`;
const quantile = (values: number[], q: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * q))] ?? 0;
const median = (values: number[]) => quantile(values, 0.5);

async function scanTimes(scanner: NodeFileScanner, root: string): Promise<number[]> {
  const times: number[] = [];
  for (let run = 0; run < 5; run += 1) {
    const started = performance.now();
    await scanner.scan({ roots: [root], limit: 20_000, signal: new AbortController().signal });
    times.push(performance.now() - started);
  }
  return times;
}

function git(cwd: string, ...args: string[]): void {
  const run = spawnSync('git', args, { cwd, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
}

async function main(): Promise<void> {
  const scratch = mkdtempSync(join(tmpdir(), 'tandem-bench-checkpoints-'));
  try {
    const root = join(scratch, 'workspace');
    for (const folder of sourceFolders)
      cpSync(join(repository, folder), join(root, folder), { recursive: true });
    const sources = readdirSync(root, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name))
      .sort();
    const { bytes: workspaceBytes, files: fileCount } = sizeOf(root);

    // The shadow-git comparison: a separate repository over the same files, a commit per turn.
    const shadow = join(scratch, 'shadow.git');
    const gitEnv = ['-c', 'user.name=bench', '-c', 'user.email=bench@example.invalid'];
    git(scratch, 'init', '-q', '--bare', shadow);
    const shadowGit = (...args: string[]) =>
      git(root, `--git-dir=${shadow}`, `--work-tree=${root}`, ...gitEnv, ...args);
    shadowGit('add', '-A');
    shadowGit('commit', '-q', '-m', 'start');

    const store = join(scratch, 'store');
    const storage = new CheckpointStorage({ directory: store, maxBytes: 1e12, logger: silentLogger });
    const checkpointing = await createCheckpointing({
      storage,
      sessionId: 'bench',
      workspace: new NodeWorkspace([root]),
      parser: await TreeSitterShellParser.load(),
      clock: new SystemClock(),
      logger: silentLogger,
    });
    const plain = new NodeWorkspace([root]);
    const captures: number[] = [];
    const closes: number[] = [];
    const ids: number[] = [];
    let afterFirst = { tandem: 0, shadow: 0 };
    for (let turn = 1; turn <= turns; turn += 1) {
      const edits = Array.from(
        { length: filesPerTurn },
        (_, offset) => sources[((turn - 1) * filesPerTurn + offset) % workingSet] ?? '',
      );
      const id = await checkpointing.recorder.beginTurn(`turn ${turn}`);
      if (id === undefined) throw new Error('no checkpoint');
      ids.push(id);
      for (const path of edits) {
        const bytes = Buffer.from(edited(readFileSync(path, 'utf8'), turn));
        await checkpointing.workspace.readFile(path);
        // The same write without checkpoints, timed beside it: the difference is what capturing adds.
        const plainStart = performance.now();
        await plain.writeFile(`${path}.plain`, bytes);
        const plainMs = performance.now() - plainStart;
        const writeStart = performance.now();
        await checkpointing.workspace.writeFile(path, bytes);
        captures.push(performance.now() - writeStart - plainMs);
      }
      for (const path of edits) rmSync(`${path}.plain`);
      const closeStart = performance.now();
      await checkpointing.recorder.endTurn();
      closes.push(performance.now() - closeStart);
      shadowGit('add', '-A');
      shadowGit('commit', '-q', '-m', `turn ${turn}`);
      if (turn === 1) afterFirst = { tandem: sizeOf(store).bytes, shadow: sizeOf(shadow).bytes };
    }
    const blobs = sizeOf(join(store, 'blobs'));
    const journals = sizeOf(join(store, 'journals'));
    const shadowLoose = sizeOf(shadow);
    git(scratch, `--git-dir=${shadow}`, 'gc', '-q');
    const shadowPacked = sizeOf(shadow);

    const session = await storage.session('bench');
    const timeRestore = async (id: number) => {
      const started = performance.now();
      const planned = await session.planRestore(plain, id);
      if (!planned.ok) throw new Error(planned.message);
      const outcome = await executeRestore({
        session,
        plan: planned.plan,
        overwrite: new Set(),
        workspace: plain,
        now: Date.now,
      });
      const restored = outcome.files.filter((file) => file.kind === 'restored').length;
      return { ms: performance.now() - started, restored };
    };
    const last = await timeRestore(ids.at(-1) ?? 0);
    const first = await timeRestore(ids[0] ?? 0);

    const scanner = new NodeFileScanner();
    const ownScans = await scanTimes(scanner, root);
    // A large workspace for the scan alone: 10,000 small files.
    const large = join(scratch, 'large');
    for (let folder = 0; folder < 100; folder += 1) {
      mkdirSync(join(large, `pkg-${folder}`), { recursive: true });
      for (let index = 0; index < 100; index += 1)
        writeFileSync(join(large, `pkg-${folder}`, `f${index}.ts`), `${index}\n`);
    }
    const largeScans = await scanTimes(scanner, large);

    const rows: [string, string][] = [
      [
        'after the first turn: Tandem ÷ shadow git (which copies the whole workspace)',
        `${mb(afterFirst.tandem)} ÷ ${mb(afterFirst.shadow)} = ${(afterFirst.tandem / afterFirst.shadow).toFixed(3)}`,
      ],
      ['Tandem after 50 turns: blobs on disk (deflated)', `${mb(blobs.bytes)} (${blobs.files} blobs)`],
      ['Tandem after 50 turns: journal', `${(journals.bytes / 1024).toFixed(1)} KB`],
      [
        'shadow git after 50 turns, a commit per turn (loose objects)',
        `${mb(shadowLoose.bytes)} (${shadowLoose.files} files)`,
      ],
      ['shadow git after `git gc` (packed, deltas)', mb(shadowPacked.bytes)],
      [
        'Tandem ÷ shadow git (loose, as it stays until git gc)',
        ((blobs.bytes + journals.bytes) / shadowLoose.bytes).toFixed(2),
      ],
      [
        'capturing before a write, per file, on top of the write: median / p95',
        `${ms(median(captures))} / ${ms(quantile(captures, 0.95))}`,
      ],
      ['closing a turn (end scan, 20 afters, journal; after the answer), median', ms(median(closes))],
      [
        `scan of this workspace (${fileCount} files; runs while the model answers), median of 5`,
        ms(median(ownScans)),
      ],
      ['scan of a 10,000-file workspace, median of 5', ms(median(largeScans))],
      [`restore to before the last turn (plan + write ${last.restored} files)`, ms(last.ms)],
      [`restore to before the first turn (plan + write ${first.restored} files)`, ms(first.ms)],
    ];
    console.log(
      `workspace: this repository's sources, ${fileCount} files (${mb(workspaceBytes)}); ${turns} turns × ${filesPerTurn} files = ${turns * filesPerTurn} file changes\n`,
    );
    console.log('| measure | value |');
    console.log('|---|---|');
    for (const [measure, value] of rows) console.log(`| ${measure} | ${value} |`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

void main();
