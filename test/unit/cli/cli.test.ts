import { strict as assert } from 'node:assert';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScriptedModelServer } from '../../support/scripted-model-server';
import { cliPath, runCli } from '../../support/run-cli';

describe('tandem CLI (built bundle against the scripted server)', function () {
  this.timeout(60_000);
  let server: ScriptedModelServer;
  let url: string;
  let folder: string;
  let env: Record<string, string>;

  before(function () {
    if (!existsSync(cliPath)) throw new Error('dist/cli.js is missing: run `npm run build` first');
  });

  beforeEach(async () => {
    server = new ScriptedModelServer();
    ({ url } = await server.start());
    folder = realpathSync(mkdtempSync(join(tmpdir(), 'tandem-cli-')));
    env = {
      ANTHROPIC_BASE_URL: url,
      ANTHROPIC_API_KEY: 'test-key',
      TANDEM_HOME: join(folder, '.tandem-home'),
    };
  });

  afterEach(async () => {
    await server.close();
    rmSync(folder, { recursive: true, force: true });
  });

  it('changes the file on disk as the model asked (read, then edit)', async () => {
    const file = join(folder, 'greeting.py');
    writeFileSync(file, 'def greet():\n    return "hello"\n');
    server.enqueue(
      { blocks: [{ toolUse: { name: 'Read', input: { file_path: file } } }] },
      {
        blocks: [
          {
            toolUse: {
              name: 'Edit',
              input: { file_path: file, old_string: 'return "hello"', new_string: 'return "hello, world"' },
            },
          },
        ],
      },
      { blocks: [{ text: 'Updated the greeting.' }] },
    );
    const run = await runCli(
      ['-p', 'make the greeting say hello, world', '--permission-mode', 'acceptEdits'],
      { cwd: folder, env },
    );
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readFileSync(file, 'utf8'), 'def greet():\n    return "hello, world"\n');
    assert.match(run.stdout, /Updated the greeting\./);
  });

  it('refuses writes in default mode without a terminal, with a message instead of a hang', async () => {
    const file = join(folder, 'notes.txt');
    server.enqueue(
      { blocks: [{ toolUse: { name: 'Write', input: { file_path: file, content: 'x' } } }] },
      (request) => {
        const last = JSON.stringify((request.body as { messages: unknown[] }).messages.at(-1));
        return [{ text: last.includes('needs approval') ? 'understood, not written' : 'unexpected' }];
      },
    );
    const run = await runCli(['-p', 'write notes'], { cwd: folder, env });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(existsSync(file), false);
    assert.match(run.stdout, /understood, not written/);
  });

  it('prints stream-json in the shape of Claude Code and a result with usage', async () => {
    server.enqueue(
      { blocks: [{ toolUse: { name: 'Bash', input: { command: 'echo hi' } } }] },
      {
        blocks: [{ text: 'said hi' }],
        usage: { cache_read_input_tokens: 1200, cache_creation_input_tokens: 30 },
      },
    );
    const run = await runCli(
      ['-p', 'say hi', '--output-format', 'stream-json', '--allowedTools', 'Bash(echo:*)'],
      { cwd: folder, env },
    );
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((line) => line.type),
      ['system', 'assistant', 'user', 'assistant', 'result'],
    );
    assert.equal(lines[0]?.subtype, 'init');
    const toolResult = (
      lines[2]?.message as { content: { type: string; content: string; is_error: boolean }[] }
    ).content[0];
    assert.equal(toolResult?.type, 'tool_result');
    assert.equal(toolResult?.is_error, false, toolResult?.content);
    assert.match(toolResult?.content ?? '', /^hi\b/);
    const result = lines[4]!;
    assert.equal(result.subtype, 'success');
    assert.equal(result.is_error, false);
    assert.equal(result.num_turns, 2);
    const usage = result.usage as Record<string, number>;
    assert.equal(usage.cache_read_input_tokens, 1200);
    assert.equal(typeof result.duration_ms, 'number');
    const answer = lines[3]?.message as { usage: Record<string, number> };
    assert.equal(answer.usage.cache_read_input_tokens, 1200, 'each assistant line carries its call');
    // Sonnet's list price: $3 in, $15 out, $0.30 cache read, $3.75 cache write per million.
    const expected =
      (usage.input_tokens! * 3 +
        usage.output_tokens! * 15 +
        usage.cache_read_input_tokens * 0.3 +
        usage.cache_creation_input_tokens! * 3.75) /
      1_000_000;
    assert.ok(Math.abs((result.total_cost_usd as number) - expected) < 1e-12);
    const models = result.modelUsage as Record<string, Record<string, number>>;
    assert.deepEqual(Object.keys(models), ['claude-sonnet-4-6']);
    assert.equal(models['claude-sonnet-4-6']?.cacheReadInputTokens, 1200);
    assert.equal(models['claude-sonnet-4-6']?.costUSD, result.total_cost_usd);
    assert.equal(models['claude-sonnet-4-6']?.contextWindow, 200_000);
  });

  it('reads the prompt from stdin and resumes a saved session with its history', async () => {
    server.enqueue({ blocks: [{ text: 'first answer' }] });
    const first = await runCli(['--output-format', 'json'], {
      cwd: folder,
      env,
      stdin: 'remember the word kiwi',
    });
    assert.equal(first.code, 0, first.stderr);
    const sessionId = (JSON.parse(first.stdout) as { session_id: string }).session_id;
    server.enqueue({ blocks: [{ text: 'second answer' }] });
    const second = await runCli(['-p', 'what was the word?', '--resume', sessionId], { cwd: folder, env });
    assert.equal(second.code, 0, second.stderr);
    const sent = JSON.stringify(server.modelRequests.at(-1)?.body);
    assert.match(sent, /remember the word kiwi/);
    assert.match(sent, /first answer/);
  });

  it('compacts a resumed session with /compact from stdin, and the next run sends the summary', async () => {
    server.enqueue({ blocks: [{ text: 'first answer' }] });
    const first = await runCli(['--output-format', 'json'], {
      cwd: folder,
      env,
      stdin: 'remember the word kiwi',
    });
    const sessionId = (JSON.parse(first.stdout) as { session_id: string }).session_id;
    server.enqueue({ blocks: [{ text: '## Goal\nRemember the word kiwi.' }] });
    const compact = await runCli(['--resume', sessionId], {
      cwd: folder,
      env,
      stdin: '/compact keep the word',
    });
    assert.equal(compact.code, 0, compact.stderr);
    assert.match(
      compact.stdout,
      /^Compacted the conversation: about [\d,]+ tokens of context became [\d,]+\./,
    );
    assert.match(
      JSON.stringify(server.modelRequests.at(-1)?.body),
      /The person asked the summary to: keep the word/,
    );
    server.enqueue({ blocks: [{ text: 'kiwi' }] });
    await runCli(['-p', 'what was the word?', '--resume', sessionId], { cwd: folder, env });
    const sent = (server.modelRequests.at(-1)?.body as { messages: unknown[] }).messages;
    assert.equal(sent.length, 1, 'the summary and the new prompt, as one user turn');
    assert.match(JSON.stringify(sent[0]), /Remember the word kiwi\..*what was the word\?/);
  });

  it('exits non-zero with a clear message when the model keeps failing', async () => {
    server.enqueue({ fault: 'http', status: 401, message: 'invalid x-api-key' });
    const run = await runCli(['-p', 'hello', '--output-format', 'json'], { cwd: folder, env });
    assert.equal(run.code, 1);
    const result = JSON.parse(run.stdout) as { is_error: boolean; subtype: string; result: string };
    assert.equal(result.is_error, true);
    assert.match(result.result, /invalid x-api-key/);
  });

  it('rejects an unknown flag value with usage and exit code 2', async () => {
    const run = await runCli(['-p', 'x', '--permission-mode', 'yolo'], { cwd: folder, env });
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--permission-mode/);
  });
});
