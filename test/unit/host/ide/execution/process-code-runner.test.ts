import { strict as assert } from 'node:assert';
import { mkdtempSync, readdirSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NodeShell } from '../../../../../src/node/shell/node-shell';
import { runSnippetProcess } from '../../../../../src/host/ide/execution/process-code-runner';
import { snippetRuntime } from '../../../../../src/host/ide/execution/snippet-runtime';

describe('snippetRuntime', () => {
  const cases: [code: string, language: string | undefined, expected: string | undefined][] = [
    ['print(1)', 'python', 'python3'],
    ['console.log(1)', 'javascript', 'node'],
    ['echo hi', 'shellscript', 'bash'],
    ['#!/usr/bin/env python3\nprint(1)', 'markdown', 'python3'],
    ['#!/bin/sh -e\necho hi', undefined, '/bin/sh -e'],
    ['SELECT 1', 'sql', undefined],
    ['print(1)', undefined, undefined],
  ];
  for (const [code, language, expected] of cases) {
    it(`runs ${JSON.stringify(code.split('\n')[0])} in a ${language ?? 'missing'} editor with ${expected ?? 'nothing'}`, () => {
      assert.equal(snippetRuntime(code, language)?.runtime, expected);
    });
  }
});

describe('runSnippetProcess (real processes)', () => {
  const shell = new NodeShell();
  const cwd = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-snippet-cwd-')));
  const base = { cwd, timeoutMs: 10_000, signal: new AbortController().signal, shell, extension: '.js' };

  it('captures stdout and stderr of a Node snippet run in the workspace folder', async () => {
    const result = await runSnippetProcess({
      ...base,
      runtime: 'node',
      code: 'console.log(process.cwd()); console.error("warned");',
    });
    assert.equal(result.failed, false);
    assert.deepEqual(result.output, [{ type: 'text', text: `${cwd}\nwarned` }]);
  });

  it('reports a failing snippet with its exit code', async () => {
    const result = await runSnippetProcess({
      ...base,
      runtime: 'bash',
      extension: '.sh',
      code: 'echo no; exit 3',
    });
    assert.equal(result.failed, true);
    assert.deepEqual(result.output, [{ type: 'text', text: 'no\n(exit code 3)' }]);
  });

  it('stops a snippet that runs past its timeout', async () => {
    const result = await runSnippetProcess({
      ...base,
      runtime: 'bash',
      extension: '.sh',
      code: 'echo started; sleep 30',
      timeoutMs: 300,
    });
    assert.equal(result.failed, true);
    assert.match(JSON.stringify(result.output), /started\\n\(stopped after 300 ms\)/);
  });

  it('leaves no snippet file behind', async () => {
    const before = readdirSync(tmpdir()).filter(
      (name) => name.startsWith('tandem-snippet-') && name.includes('.'),
    );
    await runSnippetProcess({ ...base, runtime: 'node', code: '1' });
    const after = readdirSync(tmpdir()).filter(
      (name) => name.startsWith('tandem-snippet-') && name.includes('.'),
    );
    assert.deepEqual(after, before);
  });
});
