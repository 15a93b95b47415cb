/**
 * Permission decision speed over the hostile corpus with ~200 realistic rules in force.
 * Run: npx tsx bench/permission-decisions.ts
 * Prints median and p95 per decision (parsing included) and how many hostile commands were
 * allowed — that number must be 0.
 */
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { FileContent, FileStat, Workspace } from '../src/core/ports';
import { PermissionEngine } from '../src/core/permissions/permission-engine';
import { buildRuleSet } from '../src/core/permissions/permission-rule';
import { buildTool } from '../src/core/tools/build-tool';
import { textResult } from '../src/core/tools/tool';
import type { ToolContext } from '../src/core/tools/tool';
import { TreeSitterShellParser } from '../src/node/bash-parser/tree-sitter-shell-parser';

const root = '/work/project';
const iterations = 25;

const corpusSchema = z.object({
  ruleSets: z.record(
    z.string(),
    z.object({ allow: z.array(z.string()), ask: z.array(z.string()), deny: z.array(z.string()) }),
  ),
  commands: z.array(
    z.object({ command: z.string(), ruleSet: z.string(), expect: z.enum(['ask', 'deny']), note: z.string() }),
  ),
});

/** ~200 rules of the kind real projects accumulate, none of which covers a corpus entry. */
function realisticRules(): string[] {
  const rules: string[] = [];
  for (const script of [
    'build',
    'lint',
    'test',
    'test:unit',
    'test:e2e',
    'typecheck',
    'format',
    'dev',
    'check',
    'bench',
    'docs',
    'coverage',
  ]) {
    rules.push(`Bash(npm run ${script}:*)`, `Bash(pnpm ${script}:*)`, `Bash(yarn ${script}:*)`);
  }
  for (const sub of [
    'status',
    'diff',
    'log',
    'show',
    'branch',
    'blame',
    'rev-parse',
    'ls-files',
    'grep',
    'describe',
    'shortlog',
    'reflog',
  ]) {
    rules.push(`Bash(git ${sub}:*)`);
  }
  for (const sub of ['build', 'test', 'check', 'clippy', 'fmt', 'doc', 'bench', 'tree'])
    rules.push(`Bash(cargo ${sub}:*)`);
  for (const sub of ['build', 'test', 'vet', 'fmt', 'mod tidy', 'list']) rules.push(`Bash(go ${sub}:*)`);
  for (const command of [
    'ls',
    'cat',
    'head',
    'tail',
    'wc',
    'grep',
    'rg',
    'pwd',
    'echo',
    'which',
    'file',
    'stat',
    'du',
    'df',
    'tree',
    'jq',
    'diff',
    'cut',
    'uniq',
    'tr',
  ]) {
    rules.push(`Bash(${command}:*)`);
  }
  for (const target of [
    'make test',
    'make lint',
    'make build',
    'pytest',
    'python3 -m pytest',
    'tsc --noEmit',
    'npx tsc',
    'npx eslint',
    'npx prettier --check',
    'node --version',
    'npm --version',
    'docker ps',
    'docker images',
    'kubectl get pods',
  ]) {
    rules.push(`Bash(${target} *)`);
  }
  for (const folder of [
    'src',
    'test',
    'docs',
    'scripts',
    'bench',
    'packages',
    'apps',
    'lib',
    'examples',
    'config',
  ]) {
    rules.push(`Edit(${folder}/**)`, `Read(${folder}/**)`, `Edit(./${folder}/**/*.md)`);
  }
  for (const domain of [
    'github.com',
    'docs.python.org',
    'developer.mozilla.org',
    'nodejs.org',
    'npmjs.com',
    '*.readthedocs.io',
    'crates.io',
    'pkg.go.dev',
    'typescriptlang.org',
    'react.dev',
  ]) {
    rules.push(`WebFetch(domain:${domain})`);
  }
  for (const server of ['github', 'linear', 'sentry', 'postgres', 'playwright'])
    rules.push(`mcp__${server}`, `mcp__${server}__*`);
  while (rules.length < 200) rules.push(`Read(./generated/area-${rules.length}/**)`);
  return rules.slice(0, 200);
}

function memoryWorkspace(): Workspace {
  const missing = () => Promise.reject(Object.assign(new Error('ENOENT'), { code: 'ENOENT' }));
  return {
    roots: [root],
    stat: (): Promise<FileStat | undefined> => Promise.resolve(undefined),
    readFile: (): Promise<FileContent> => missing(),
    writeFile: missing,
    deleteFile: missing,
    listDirectory: () => Promise.resolve([]),
    realPath: (path) => Promise.resolve(path),
  };
}

const bashTool = buildTool({
  name: 'Bash',
  description: 'shell',
  inputSchema: z.object({ command: z.string() }),
  // Rules on `Bash(…)` govern a tool by this trait, as they do the real Bash tool.
  permissionKind: 'execute',
  permissionTarget: (input) => input.command,
  async *call() {
    return textResult('');
  },
});

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

const micros = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;

async function main(): Promise<void> {
  const corpus = corpusSchema.parse(
    JSON.parse(readFileSync('test/fixtures/permissions/hostile-commands.json', 'utf8')),
  );
  const parser = await TreeSitterShellParser.load();
  const context = {
    cwd: root,
    shellState: { cwd: root },
    signal: new AbortController().signal,
  } as ToolContext;
  const engines = new Map<string, PermissionEngine>();
  for (const [name, lists] of Object.entries(corpus.ruleSets)) {
    const source = { source: 'project' as const, root };
    const { rules } = buildRuleSet([
      { behavior: 'allow', rules: [...realisticRules(), ...lists.allow], source },
      { behavior: 'ask', rules: lists.ask, source },
      { behavior: 'deny', rules: lists.deny, source },
    ]);
    const ruleCount = rules.allow.length + rules.ask.length + rules.deny.length;
    engines.set(
      name,
      new PermissionEngine({
        rules,
        mode: 'default',
        workspaceRoots: [root],
        cwd: root,
        home: '/home/dev',
        caseInsensitive: false,
        trusted: true,
        shellParser: parser,
        workspace: memoryWorkspace(),
      }),
    );
    console.log(`rule set ${name}: ${ruleCount} rules`);
  }

  // Warm-up: the first calls pay for JIT and WebAssembly compilation, which is not a decision cost.
  for (const entry of corpus.commands)
    await engines.get(entry.ruleSet)?.decide(bashTool, { command: entry.command }, context);

  const decideTimes: number[] = [];
  const parseTimes: number[] = [];
  const perCommand: { command: string; median: number }[] = [];
  let allowed = 0;
  let mismatched = 0;
  for (const entry of corpus.commands) {
    const engine = engines.get(entry.ruleSet);
    if (!engine) throw new Error(`unknown rule set ${entry.ruleSet}`);
    const times: number[] = [];
    for (let run = 0; run < iterations; run++) {
      const parseStart = performance.now();
      parser.parse(entry.command);
      parseTimes.push(performance.now() - parseStart);
      const start = performance.now();
      const decision = await engine.decide(bashTool, { command: entry.command }, context);
      times.push(performance.now() - start);
      if (run === 0 && decision.behavior === 'allow') {
        allowed++;
        console.log(`ALLOWED: ${JSON.stringify(entry.command)} (${decision.reason})`);
      }
      if (run === 0 && decision.behavior !== entry.expect) mismatched++;
    }
    times.sort((a, b) => a - b);
    decideTimes.push(...times);
    perCommand.push({ command: entry.command, median: quantile(times, 0.5) });
  }
  decideTimes.sort((a, b) => a - b);
  parseTimes.sort((a, b) => a - b);
  perCommand.sort((a, b) => b.median - a.median);

  console.log(`\n${corpus.commands.length} hostile commands × ${iterations} runs\n`);
  console.table({
    'decision (parse included)': {
      median: micros(quantile(decideTimes, 0.5)),
      p95: micros(quantile(decideTimes, 0.95)),
      max: micros(decideTimes[decideTimes.length - 1] ?? 0),
    },
    'parse only': {
      median: micros(quantile(parseTimes, 0.5)),
      p95: micros(quantile(parseTimes, 0.95)),
      max: micros(parseTimes[parseTimes.length - 1] ?? 0),
    },
  });
  const ratio = quantile(decideTimes, 0.5) / Math.max(quantile(parseTimes, 0.5), 1e-9);
  console.log(`a whole decision costs ${ratio.toFixed(1)}× its parse (median)\n`);
  console.log('slowest commands (median):');
  console.table(
    perCommand.slice(0, 5).map(({ command, median }) => ({
      command: JSON.stringify(command).slice(0, 60),
      median: micros(median),
    })),
  );
  console.table({
    result: {
      'hostile commands allowed (must be 0)': allowed,
      'decisions differing from the expected ask/deny': mismatched,
    },
  });
  if (allowed > 0 || mismatched > 0) process.exitCode = 1;
}

void main();
