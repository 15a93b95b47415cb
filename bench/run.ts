/**
 * Runs every benchmark in one go and writes their output to bench/RESULTS.md. Each benchmark is its
 * own script (runnable alone with `npx tsx bench/<name>.ts`); this only sequences them.
 */
import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

const benches: { title: string; script: string; args?: string[] }[] = [
  { title: 'Agent turns: Tandem beside Claude Code (issue 3)', script: 'agent-turns.ts' },
  {
    title: 'A 20-step task under 44 model faults: Tandem beside Claude Code (issue 8)',
    script: 'fault-task.ts',
    args: ['3'],
  },
  {
    title: 'Killed mid-answer with SIGKILL, then resumed: Tandem beside Claude Code (issue 12)',
    script: 'kill-resume.ts',
    args: ['10'],
  },
  { title: 'Opening a 1,000-session history from its index (issue 12)', script: 'session-history.ts' },
  { title: 'Edit engine accuracy on the perturbed-edit corpus', script: 'edit-accuracy.ts' },
  { title: 'Permission decisions: 200 rules over the attack corpus', script: 'permission-decisions.ts' },
  { title: 'System prompt and tool definitions size', script: 'prompt-size.ts' },
  { title: 'ToolSearch: 50 MCP tools deferred, beside Claude Code (issue 10)', script: 'tool-search.ts' },
  {
    title: 'Session cost with prompt caching emulated: Tandem beside Claude Code (issue 12)',
    script: 'session-cost.ts',
  },
  {
    title: 'Turn 1,000 against turn 1: 1,000 tiny turns, Tandem beside Claude Code (issue 12)',
    script: 'long-session.ts',
  },
  { title: 'Webview: 2,000 messages then 20,000 streamed tokens', script: 'webview-render.ts' },
  { title: 'Extension activation and bundle sizes', script: 'activation.ts' },
  {
    title: 'Inline review: a 5,000-line file with 200 hunks, 100 accepted (issue 11)',
    script: 'inline-review.ts',
  },
  { title: 'IDE bridge: getDiagnostics on 1,000 diagnostics, bridge start-up', script: 'ide-bridge.ts' },
  { title: 'Checkpoints: 50 turns × 20 files, beside a shadow git repository', script: 'checkpoints.ts' },
];

const only = process.argv.slice(2);
const sections: string[] = [];
for (const bench of benches) {
  if (only.length > 0 && !only.some((name) => bench.script.startsWith(name))) continue;
  process.stderr.write(`[bench] ${bench.script}\n`);
  const started = Date.now();
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(__dirname, bench.script), ...(bench.args ?? [])],
    {
      cwd: join(__dirname, '..'),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  const seconds = ((Date.now() - started) / 1_000).toFixed(1);
  const output =
    run.status === 0
      ? run.stdout.trim()
      : `FAILED (exit ${run.status})\n\n${run.stdout}\n${run.stderr}`.trim();
  process.stdout.write(`\n## ${bench.title}\n${output}\n`);
  sections.push(`## ${bench.title}\n\n\`npx tsx bench/${bench.script}\` — ${seconds} s\n\n${output}\n`);
}

if (only.length === 0) {
  const header = [
    '# Benchmark results',
    '',
    `Latest \`npm run bench\`: ${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB.`,
    'Every figure in a table was measured in that one run; ratios compare columns of the same run.',
    '',
  ].join('\n');
  writeFileSync(join(__dirname, 'RESULTS.md'), `${header}\n${sections.join('\n')}`);
}
