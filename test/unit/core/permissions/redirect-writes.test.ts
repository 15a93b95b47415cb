import { strict as assert } from 'node:assert';
import type { PermissionMode } from '../../../../src/core/permissions/permission-mode';
import { bashTool, createEngine, root } from './engine-fixtures';

const allowed = ['Bash(echo:*)', 'Bash(git status:*)'];

interface Case {
  command: string;
  expect: 'allow' | 'ask' | 'deny';
  mode?: PermissionMode;
  allow?: string[];
  deny?: string[];
  /** Text the reason must hold (the prompt shows it). */
  reason?: RegExp;
}

const cases: Case[] = [
  // Every output redirection is a write: asked in the default mode, whatever allows the command.
  { command: 'echo pwned > notes.md', expect: 'ask', reason: /writes to \/work\/project\/notes\.md/ },
  { command: 'echo ok >> notes.md', expect: 'ask', reason: /writes to \/work\/project\/notes\.md/ },
  { command: 'echo ok >| new.txt', expect: 'ask', reason: /writes to \/work\/project\/new\.txt/ },
  { command: 'git status 2>err.txt', expect: 'ask', reason: /writes to \/work\/project\/err\.txt/ },
  { command: 'echo ok &> both.txt', expect: 'ask' },
  { command: 'echo ok &>> both.txt', expect: 'ask' },
  { command: 'echo ok >&out.txt', expect: 'ask' },
  {
    command: 'echo a > a.txt && echo b > b.txt',
    expect: 'ask',
    reason: /writes to \/work\/project\/[ab]\.txt and \/work\/project\/[ab]\.txt/,
  },
  { command: 'git status | echo x > piped.txt', expect: 'ask' },
  { command: '{ echo a; echo b; } > grouped.txt', expect: 'ask' },
  { command: 'echo ok > "$FILE"', expect: 'ask' },
  { command: 'echo ok > $(mktemp)', expect: 'ask' },
  { command: 'echo a <> rw.txt', expect: 'ask' },
  // The bit bucket, the standard streams and input redirections are not writes.
  { command: 'echo ok > /dev/null', expect: 'allow' },
  { command: 'git status 2>/dev/null', expect: 'allow' },
  { command: 'git status 2>&1', expect: 'allow' },
  { command: 'echo oops >&2', expect: 'allow' },
  { command: 'echo oops > /dev/stderr', expect: 'allow' },
  { command: 'echo ok > /dev/stdout', expect: 'allow' },
  { command: 'echo ok <<< "here"', expect: 'allow' },
  // Accept-edits allows them inside the workspace, as it allows edits; never outside or into secrets.
  { command: 'echo pwned > notes.md', mode: 'acceptEdits', expect: 'allow' },
  { command: 'echo ok >> notes.md', mode: 'acceptEdits', expect: 'allow' },
  { command: 'echo ok >| new.txt', mode: 'acceptEdits', expect: 'allow' },
  { command: 'git status 2>err.txt', mode: 'acceptEdits', expect: 'allow' },
  { command: 'echo x > /tmp/x', mode: 'acceptEdits', expect: 'ask' },
  { command: 'echo x > .env', mode: 'acceptEdits', expect: 'ask' },
  { command: 'echo x > .git/config', mode: 'acceptEdits', expect: 'ask' },
  { command: 'echo ok > "$FILE"', mode: 'acceptEdits', expect: 'ask' },
  // Edit rules decide them, and so do Read denials (a Read deny also blocks editing).
  { command: 'echo x > docs/a.md', allow: ['Edit(./docs/**)'], expect: 'allow' },
  { command: 'echo x > notes.md', allow: ['Edit(./docs/**)'], expect: 'ask' },
  { command: 'echo x > notes.md', deny: ['Edit(./notes.md)'], mode: 'acceptEdits', expect: 'deny' },
  { command: 'echo x > data/a.csv', deny: ['Read(**/*.{csv,tsv})'], mode: 'acceptEdits', expect: 'deny' },
  { command: 'echo x > notes.md', deny: ['Edit(./notes.md)'], mode: 'bypassPermissions', expect: 'deny' },
  // Bypass runs them, plan mode refuses them, a command no rule allows still asks and names them.
  { command: 'echo x > notes.md', mode: 'bypassPermissions', expect: 'allow' },
  { command: 'echo x > notes.md', mode: 'plan', expect: 'deny' },
  { command: 'make > build.log', expect: 'ask', reason: /writes to \/work\/project\/build\.log/ },
];

describe('shell redirections are writes, decided like an Edit of their target', () => {
  for (const entry of cases) {
    const mode = entry.mode ?? 'default';
    const extra = [
      ...(entry.allow ?? []).map((rule) => `+${rule}`),
      ...(entry.deny ?? []).map((r) => `-${r}`),
    ];
    it(`${entry.expect}s for ${JSON.stringify(entry.command)} in ${mode} mode${extra.length ? ` (${extra.join(' ')})` : ''}`, async () => {
      const { engine, context } = await createEngine({
        allow: [...allowed, ...(entry.allow ?? [])],
        deny: entry.deny ?? [],
        overrides: { mode },
      });
      const decision = await engine.decide(bashTool, { command: entry.command }, context);
      assert.equal(decision.behavior, entry.expect, decision.reason);
      if (entry.reason) assert.match(decision.reason, entry.reason);
    });
  }

  it('offers an Edit rule for "allow always" on an allowed command that writes', async () => {
    const { engine, context } = await createEngine({ allow: allowed });
    const decision = await engine.decide(bashTool, { command: 'echo x > docs/a.md' }, context);
    assert.deepEqual(
      [decision.decidedBy, decision.suggestedRule],
      [{ kind: 'check', check: 'redirect-write' }, 'Edit(./docs/**)'],
    );
    const again = await createEngine({ allow: [...allowed, 'Edit(./docs/**)'] });
    const next = await again.engine.decide(bashTool, { command: 'echo x > docs/a.md' }, again.context);
    assert.equal(next.behavior, 'allow');
  });

  it('resolves the target against the shell’s folder', async () => {
    const { engine, context } = await createEngine({ allow: allowed });
    const shellContext = { ...context, shellState: { cwd: `${root}/sub` } };
    const decision = await engine.decide(bashTool, { command: 'echo x > out.txt' }, shellContext);
    assert.match(decision.reason, /writes to \/work\/project\/sub\/out\.txt/);
  });
});
