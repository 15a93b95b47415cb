import { strict as assert } from 'node:assert';
import { join } from 'node:path';
import type { HazardKind, ShellParser } from '../../../../src/core/permissions/shell-parser';
import { decodeAnsiC, joinContinuationLines } from '../../../../src/node/bash-parser/shell-word';
import {
  defaultTreeSitterPaths,
  TreeSitterShellParser,
} from '../../../../src/node/bash-parser/tree-sitter-shell-parser';

let parser: ShellParser;
before(async () => {
  parser = await TreeSitterShellParser.load();
});

describe('TreeSitterShellParser: sub-commands', () => {
  const cases: [string, string[][]][] = [
    ['git status', [['git', 'status']]],
    ['git st"atus" --short', [['git', 'status', '--short']]],
    [
      '\'rm\' -rf x; \\rm y; r""m z',
      [
        ['rm', '-rf', 'x'],
        ['rm', 'y'],
        ['rm', 'z'],
      ],
    ],
    ["$'\\x72m' a", [['rm', 'a']]],
    ["git $'status'\\;rm", [['git', 'status;rm']]],
    ['a && b || c; d | e |& f\ng', [['a'], ['b'], ['c'], ['d'], ['e'], ['f'], ['g']]],
    ['if a; then b; elif c; then d; else e; fi', [['a'], ['b'], ['c'], ['d'], ['e']]],
    ['for i in 1 2; do a "$i"; done; while b; do c; done', [['a', '"$i"'], ['b'], ['c']]],
    ['case x in y) a;; z) b;; esac', [['a'], ['b']]],
    ['(a; b) && { c; }', [['a'], ['b'], ['c']]],
    [
      'echo $(inner arg)',
      [
        ['echo', '$(inner arg)'],
        ['inner', 'arg'],
      ],
    ],
    ['git st\\\natus', [['git', 'status']]],
    ['echo "a \\"b\\" \\$c"', [['echo', 'a "b" $c']]],
    ['ls # rm -rf /', [['ls']]],
    ['! a', [['a']]],
    ['echo {a,b}', [['echo', '{a,b}']]],
  ];
  for (const [command, expected] of cases) {
    it(`splits ${JSON.stringify(command)} into ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(
        parser.parse(command).subcommands.map((subcommand) => subcommand.argv),
        expected,
      );
    });
  }

  it('keeps assignments apart from argv and marks expansions dynamic', () => {
    const [subcommand] = parser.parse('FOO=1 BAR="x y" git log $REF').subcommands;
    assert.deepEqual(subcommand?.assignments, [
      { name: 'FOO', value: '1' },
      { name: 'BAR', value: 'x y' },
    ]);
    assert.deepEqual(subcommand?.argv, ['git', 'log', '$REF']);
    assert.deepEqual(subcommand?.dynamicWords, [2]);
  });

  it('lists redirect targets with quotes resolved and skips descriptor duplication', () => {
    const [subcommand] = parser.parse('cmd > "out file" 2>&1 >> log < in &> both').subcommands;
    assert.deepEqual(subcommand?.redirects, [
      { op: '>', target: 'out file', dynamic: false },
      { op: '>>', target: 'log', dynamic: false },
      { op: '<', target: 'in', dynamic: false },
      { op: '&>', target: 'both', dynamic: false },
    ]);
  });

  it('gives words written after a redirect to the command, as bash does', () => {
    const [subcommand] = parser.parse('cat a > out ~/.ssh/id_rsa b').subcommands;
    assert.deepEqual(subcommand?.argv, ['cat', 'a', '~/.ssh/id_rsa', 'b']);
    assert.deepEqual(subcommand?.redirects, [{ op: '>', target: 'out', dynamic: false }]);
  });

  it('marks only unquoted glob words', () => {
    const [subcommand] = parser.parse("ls *.ts '*.md' \\*.js .e?").subcommands;
    assert.deepEqual(subcommand?.globWords, [1, 4]);
  });

  it('keeps the redirects of a compound statement', () => {
    const parsed = parser.parse('{ a; b; } > /etc/x');
    assert.ok(
      parsed.subcommands.some((subcommand) =>
        subcommand.redirects.some((redirect) => redirect.target === '/etc/x'),
      ),
    );
  });

  it('reads export and declare as commands with assignments', () => {
    const [subcommand] = parser.parse('export PATH=/tmp').subcommands;
    assert.deepEqual(subcommand?.argv, ['export', 'PATH=/tmp']);
    assert.deepEqual(subcommand?.assignments, [{ name: 'PATH', value: '/tmp' }]);
  });
});

describe('TreeSitterShellParser: hazards', () => {
  const cases: [string, HazardKind][] = [
    ['echo $(id)', 'command_substitution'],
    ['echo `id`', 'command_substitution'],
    ['cat <(ls)', 'process_substitution'],
    ['eval x', 'eval'],
    ['source x', 'source'],
    ['. x', 'source'],
    ['exec x', 'exec'],
    ['sudo x', 'sudo'],
    ['/usr/bin/sudo x', 'sudo'],
    ['a &', 'background'],
    ['a & b', 'background'],
    ['$CMD x', 'variable_expansion'],
    ['r$X x', 'variable_expansion'],
    ['g\u0456t status', 'unicode'],
    ['ls\u200b', 'invisible_characters'],
    ["$'\\x72m' x", 'ansi_c_quoting'],
    ['/bin/r? x', 'glob_in_command'],
    ['{rm,-rf,x}', 'parse_error'],
    ['f() { a; }', 'function_definition'],
    ['if [ x ; then', 'parse_error'],
    ['echo "unterminated', 'parse_error'],
    ['echo ${PATH:=/tmp}', 'dangerous_env'],
    ['cat <<EOF\nx\nEOF', 'heredoc'],
    ['cat {.env,a}', 'brace_expansion'],
    ['echo {1..3}', 'brace_expansion'],
    ['echo $((PATH=1))', 'dangerous_env'],
    [Array.from({ length: 51 }, () => 'a').join('; '), 'too_many'],
  ];
  for (const [command, kind] of cases) {
    it(`flags ${JSON.stringify(command.slice(0, 40))} as ${kind}`, () => {
      const kinds = parser.parse(command).hazards.map((hazard) => hazard.kind);
      assert.ok(kinds.includes(kind), JSON.stringify(kinds));
    });
  }

  it('flags nothing in a plain pipeline or in quoted braces', () => {
    assert.deepEqual(parser.parse('git log --oneline | head -5 && ls -la src').hazards, []);
    assert.deepEqual(parser.parse("jq '{a,b}' x.json && echo $((1 == 2))").hazards, []);
  });
});

describe('TreeSitterShellParser: loading', () => {
  it('returns the same cached parser for the same grammar', async () => {
    assert.equal(
      await TreeSitterShellParser.load(),
      await TreeSitterShellParser.load(defaultTreeSitterPaths()),
    );
  });

  it('rejects when the grammar file is missing, so the caller can fall back to asking', async () => {
    const paths = {
      ...defaultTreeSitterPaths(),
      bashWasm: join(process.cwd(), 'missing', 'tree-sitter-bash.wasm'),
    };
    await assert.rejects(TreeSitterShellParser.load(paths));
  });
});

describe('shell words', () => {
  it('decodes ANSI-C escapes', () => {
    assert.equal(decodeAnsiC('\\x72\\155\\u0061\\n\\\\'), 'rma\n\\');
  });
  it('joins continuation lines outside single quotes only', () => {
    assert.equal(joinContinuationLines("a\\\nb 'c\\\nd'"), "ab 'c\\\nd'");
  });
});
