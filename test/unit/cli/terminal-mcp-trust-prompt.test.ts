import { strict as assert } from 'node:assert';
import { PassThrough } from 'node:stream';
import { TerminalMcpTrustPrompt } from '../../../src/cli/terminal-mcp-trust-prompt';

async function answer(typed: string): Promise<{ answer: unknown; shown: string }> {
  const input = new PassThrough();
  const output = new PassThrough();
  let shown = '';
  output.on('data', (chunk: Buffer) => (shown += chunk.toString()));
  const pending = new TerminalMcpTrustPrompt(input, output).ask(
    [{ name: 'github', transport: 'stdio: npx', source: '/p/.mcp.json' }],
    new AbortController().signal,
  );
  input.write(`${typed}\n`);
  return { answer: await pending, shown };
}

describe('the terminal consent question for .mcp.json servers', () => {
  const cases: [string, string][] = [
    ['y', 'approve'],
    ['a', 'approve-all'],
    ['n', 'reject'],
    ['', 'reject'],
  ];
  for (const [typed, expected] of cases) {
    it(`answers "${typed}" with ${expected}`, async () => {
      assert.equal((await answer(typed)).answer, expected);
    });
  }

  it('names each server, how it runs and where it came from', async () => {
    assert.match((await answer('n')).shown, /- github \(stdio: npx\) from \/p\/\.mcp\.json/);
  });
});
