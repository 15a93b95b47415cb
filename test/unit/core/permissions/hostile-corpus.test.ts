import { strict as assert } from 'node:assert';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { FileContent, FileStat, Workspace } from '../../../../src/core/ports';
import { bashTool, createEngine, fileTool, home, root } from './engine-fixtures';

const ruleListSchema = z.object({
  allow: z.array(z.string()),
  ask: z.array(z.string()),
  deny: z.array(z.string()),
});
const corpusSchema = z.object({
  ruleSets: z.record(z.string(), ruleListSchema),
  commands: z.array(
    z.object({ command: z.string(), ruleSet: z.string(), expect: z.enum(['ask', 'deny']), note: z.string() }),
  ),
  paths: z.array(
    z.object({
      tool: z.string(),
      path: z.string(),
      expect: z.enum(['ask', 'deny']),
      note: z.string(),
      deny: z.array(z.string()).optional(),
      windows: z.boolean().optional(),
      caseInsensitive: z.boolean().optional(),
    }),
  ),
});
const corpus = corpusSchema.parse(
  JSON.parse(readFileSync('test/fixtures/permissions/hostile-commands.json', 'utf8')),
);
const fileRules = ['Read(./**)', 'Edit(./**)', 'Read(~/**)', 'Edit(//etc/**)', 'Read(//**)'];

describe('hostile command corpus', () => {
  it('holds at least 150 commands', () => {
    assert.ok(corpus.commands.length >= 150, `only ${corpus.commands.length}`);
  });

  for (const entry of corpus.commands) {
    it(`${entry.expect}s, never allows: ${entry.note} — ${JSON.stringify(entry.command).slice(0, 70)}`, async () => {
      const rules = corpus.ruleSets[entry.ruleSet];
      assert.ok(rules, `unknown rule set ${entry.ruleSet}`);
      const { engine, context } = await createEngine(rules);
      const decision = await engine.decide(bashTool, { command: entry.command }, context);
      assert.equal(decision.behavior, entry.expect, decision.reason);
    });
  }
});

describe('ordinary commands under the same generous rules', () => {
  const ordinary = [
    'git status --short',
    'FOO=1 git status',
    'timeout 5 npm run test',
    'ls -la src | wc -l',
    'git diff HEAD~1 -- src/a.ts',
    'cat README.md 2>/dev/null',
    'git log --oneline | head -20',
    'cd src && ls',
    "npm run test -- --grep 'x y'",
    'ls *.ts',
    "grep -rn 'TODO' src",
    'cat src/a.ts | grep x',
    "find . -name '*.ts'",
    'echo "$HOME"',
    'cat .git/HEAD',
    'ls -la && git status',
    'git status\ngit log -1',
  ];
  for (const command of ordinary) {
    it(`allows ${JSON.stringify(command)}, so the corpus is not passing by asking for everything`, async () => {
      const rules = corpus.ruleSets['generous'];
      assert.ok(rules);
      const { engine, context } = await createEngine(rules);
      const decision = await engine.decide(bashTool, { command }, context);
      assert.equal(decision.behavior, 'allow', decision.reason);
    });
  }
});

describe('redirections under the same generous rules are writes, decided like edits', () => {
  const cases: { command: string; mode: 'default' | 'acceptEdits'; expect: 'allow' | 'ask' }[] = [
    { command: 'echo hi > out.txt', mode: 'default', expect: 'ask' },
    { command: 'echo hi > out.txt', mode: 'acceptEdits', expect: 'allow' },
    { command: 'git diff > changes.patch', mode: 'default', expect: 'ask' },
    { command: 'git diff > changes.patch', mode: 'acceptEdits', expect: 'allow' },
    { command: 'ls -la > listing.txt 2>&1', mode: 'acceptEdits', expect: 'allow' },
    { command: 'echo hi > ../out.txt', mode: 'acceptEdits', expect: 'ask' },
  ];
  for (const { command, mode, expect } of cases) {
    it(`${expect}s for ${JSON.stringify(command)} in ${mode} mode`, async () => {
      const rules = corpus.ruleSets['generous'];
      assert.ok(rules);
      const { engine, context } = await createEngine({ ...rules, overrides: { mode } });
      const decision = await engine.decide(bashTool, { command }, context);
      assert.equal(decision.behavior, expect, decision.reason);
    });
  }
});

describe('hostile path corpus', () => {
  for (const entry of corpus.paths) {
    it(`${entry.expect}s for ${entry.tool} ${JSON.stringify(entry.path)}: ${entry.note}`, async () => {
      const { engine, context } = await createEngine({
        allow: fileRules,
        deny: entry.deny ?? [],
        overrides: { windows: entry.windows ?? false, caseInsensitive: entry.caseInsensitive ?? false },
      });
      const readOnly = ['Read', 'Glob', 'Grep'].includes(entry.tool);
      const decision = await engine.decide(fileTool(entry.tool, readOnly), { path: entry.path }, context);
      assert.equal(decision.behavior, entry.expect, decision.reason);
    });
  }
});

/** A Workspace over the real disk, enough for realPath. */
function diskWorkspace(workspaceRoot: string): Workspace {
  const unused = () => Promise.reject(new Error('not used'));
  return {
    roots: [workspaceRoot],
    stat: (): Promise<FileStat | undefined> => unused(),
    readFile: (): Promise<FileContent> => unused(),
    writeFile: unused,
    deleteFile: unused,
    listDirectory: unused,
    realPath: (path) => realpath(path).catch(() => path),
  };
}

describe('symlinks out of the workspace (real temp dir)', () => {
  let base = '';
  let project = '';
  before(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'tandem-perm-')));
    project = join(base, 'project');
    await mkdir(join(project, 'src'), { recursive: true });
    await mkdir(join(base, 'outside'));
    await writeFile(join(base, 'outside', 'secret.txt'), 'secret');
    await writeFile(join(project, 'src', 'a.ts'), 'a');
    await symlink(join(base, 'outside'), join(project, 'escape'));
    await symlink(join(base, 'outside', 'secret.txt'), join(project, 'src', 'innocent.ts'));
  });
  after(() => rm(base, { recursive: true, force: true }));

  const engineFor = () =>
    createEngine({
      allow: ['Read(./**)', 'Edit(./**)', 'Bash(cat:*)', 'Bash(echo:*)'],
      overrides: { workspaceRoots: [project], cwd: project, workspace: diskWorkspace(project) },
    }).then(({ engine, context }) => ({
      engine,
      context: { ...context, cwd: project, shellState: { cwd: project } },
    }));

  const cases: { what: string; run: (engine: Awaited<ReturnType<typeof engineFor>>) => Promise<string> }[] = [
    {
      what: 'reading through a linked folder',
      run: ({ engine, context }) =>
        engine
          .decide(fileTool('Read', true), { path: join(project, 'escape', 'secret.txt') }, context)
          .then((d) => d.behavior),
    },
    {
      what: 'reading a file linked outside',
      run: ({ engine, context }) =>
        engine
          .decide(fileTool('Read', true), { path: join(project, 'src', 'innocent.ts') }, context)
          .then((d) => d.behavior),
    },
    {
      what: 'writing through a linked folder',
      run: ({ engine, context }) =>
        engine
          .decide(fileTool('Write', false), { path: join(project, 'escape', 'new.txt') }, context)
          .then((d) => d.behavior),
    },
    {
      what: 'cat through a linked folder',
      run: ({ engine, context }) =>
        engine.decide(bashTool, { command: 'cat escape/secret.txt' }, context).then((d) => d.behavior),
    },
    {
      what: 'cat of a linked file',
      run: ({ engine, context }) =>
        engine.decide(bashTool, { command: 'cat src/innocent.ts' }, context).then((d) => d.behavior),
    },
    {
      what: 'redirect into a linked folder',
      run: ({ engine, context }) =>
        engine.decide(bashTool, { command: 'echo x > escape/y' }, context).then((d) => d.behavior),
    },
  ];
  for (const { what, run } of cases) {
    it(`asks for ${what}`, async () => {
      assert.equal(await run(await engineFor()), 'ask');
    });
  }

  it('still allows a plain file inside the workspace, so the checks are not blanket refusals', async () => {
    const setup = await engineFor();
    const decision = await setup.engine.decide(
      fileTool('Read', true),
      { path: join(project, 'src', 'a.ts') },
      setup.context,
    );
    assert.equal(decision.behavior, 'allow');
    const shell = await setup.engine.decide(bashTool, { command: 'cat src/a.ts' }, setup.context);
    assert.equal(shell.behavior, 'allow');
  });
});

export { home, root };
