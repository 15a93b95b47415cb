import { strict as assert } from 'node:assert';
import type { EditErrorCode, Tolerance } from '../../../../src/core/edits/apply-edit';
import { applyEdit } from '../../../../src/core/edits/apply-edit';

interface ApplyCase {
  name: string;
  file: string;
  old: string;
  new: string;
  replaceAll?: boolean;
  expected: string;
  tolerance: Tolerance[];
}

const applies: ApplyCase[] = [
  {
    name: 'an exact unique match',
    file: 'a = 1\nb = 2\n',
    old: 'b = 2',
    new: 'b = 3',
    expected: 'a = 1\nb = 3\n',
    tolerance: [],
  },
  {
    name: 'replace_all changes every exact match',
    file: 'x(1)\nx(2)\n',
    old: 'x(',
    new: 'y(',
    replaceAll: true,
    expected: 'y(1)\ny(2)\n',
    tolerance: [],
  },
  {
    name: 'a $ in new_string is written literally',
    file: 'price\n',
    old: 'price',
    new: '$& $1 $$',
    expected: '$& $1 $$\n',
    tolerance: [],
  },
  {
    name: 'curly quotes in old_string match a Python file with straight quotes, which keeps them',
    file: 'def greet():\n    print("hello")\n',
    old: '    print(“hello”)',
    new: '    print(“hello, world”)',
    expected: 'def greet():\n    print("hello, world")\n',
    tolerance: ['quotes'],
  },
  {
    name: 'straight quotes in old_string match a Markdown file with typographic quotes, which keeps them',
    file: '# Notes\n\nShe said “ship it” and left.\n',
    old: 'She said "ship it" and left.',
    new: 'She said "ship it now" and didn\'t wait.',
    expected: "# Notes\n\nShe said “ship it now” and didn't wait.\n",
    tolerance: ['quotes'],
  },
  {
    name: 'typographic single quotes are kept for apostrophes too',
    file: 'It’s the ‘main’ branch.\n',
    old: "It's the 'main' branch.",
    new: "It's the 'release' branch.",
    expected: 'It’s the ‘release’ branch.\n',
    tolerance: ['quotes'],
  },
  {
    name: 'trailing whitespace in the file is not needed in old_string',
    file: 'alpha   \nbeta\t\ngamma\n',
    old: 'alpha\nbeta\n',
    new: 'ALPHA\nBETA\n',
    expected: 'ALPHA\nBETA\ngamma\n',
    tolerance: ['trailing-whitespace'],
  },
  {
    name: 'trailing whitespace the model added to old_string and new_string is dropped',
    file: 'one\ntwo\nthree\n',
    old: 'one  \ntwo  ',
    new: 'uno  \ndos  ',
    expected: 'uno\ndos\nthree\n',
    tolerance: ['trailing-whitespace'],
  },
  {
    name: 'LF in old_string matches a CRLF file and new_string is written with CRLF',
    file: 'first\r\nsecond\r\nthird\r\n',
    old: 'first\nsecond\n',
    new: 'FIRST\nSECOND\nextra\n',
    expected: 'FIRST\r\nSECOND\r\nextra\r\nthird\r\n',
    tolerance: ['line-endings'],
  },
  {
    name: 'CRLF in old_string matches an LF file and new_string is written with LF',
    file: 'first\nsecond\nthird\n',
    old: 'first\r\nsecond',
    new: 'FIRST\r\nSECOND',
    expected: 'FIRST\nSECOND\nthird\n',
    tolerance: ['line-endings'],
  },
  {
    name: 'a stray final newline in old_string matches a file without one, which stays without one',
    file: 'a\nb\nlast line',
    old: 'b\nlast line\n',
    new: 'B\nfinal line\n',
    expected: 'a\nB\nfinal line',
    tolerance: ['final-newline'],
  },
  {
    name: 'old_string indented 4 spaces less than the file is re-indented with new_string',
    file: 'class A:\n    def f(self):\n        if x:\n            y()\n',
    old: 'if x:\n    y()',
    new: 'if x and z:\n    y()\n    z()',
    expected: 'class A:\n    def f(self):\n        if x and z:\n            y()\n            z()\n',
    tolerance: ['indentation'],
  },
  {
    name: 'old_string indented 2 spaces more than the file is dedented with new_string',
    file: 'function f() {\n  if (a) {\n    b();\n  }\n}\n',
    old: '    if (a) {\n      b();\n    }',
    new: '    if (a) {\n      b();\n      c();\n    }',
    expected: 'function f() {\n  if (a) {\n    b();\n    c();\n  }\n}\n',
    tolerance: ['indentation'],
  },
  {
    name: 'a tab-indented file keeps its tabs when old_string is one tab short',
    file: 'func main() {\n\tif ok {\n\t\trun()\n\t}\n}\n',
    old: 'if ok {\n\trun()\n}',
    new: 'if ok {\n\trun()\n\tstop()\n}',
    expected: 'func main() {\n\tif ok {\n\t\trun()\n\t\tstop()\n\t}\n}\n',
    tolerance: ['indentation'],
  },
  {
    name: 'old_string starting mid-line keeps the first line and re-indents the rest',
    file: '    x = compute(\n        a,\n        b)\n',
    old: 'compute(\n    a,\n    b)',
    new: 'compute(\n    a,\n    b,\n    c)',
    expected: '    x = compute(\n        a,\n        b,\n        c)\n',
    tolerance: ['indentation'],
  },
  {
    name: 'blank lines inside old_string match blank lines with whitespace, which a kept line keeps',
    file: 'a = 1\n    \nb = 2\n',
    old: 'a = 1\n\nb = 2',
    new: 'a = 1\n\nb = 3',
    expected: 'a = 1\n    \nb = 3\n',
    tolerance: ['trailing-whitespace'],
  },
  {
    name: 'a Python stub body "..." in new_string, which is code, not a placeholder',
    file: 'class P(Protocol):\n    def run(self): pass\n',
    old: '    def run(self): pass',
    new: '    def run(self):\n        ...',
    expected: 'class P(Protocol):\n    def run(self):\n        ...\n',
    tolerance: [],
  },
  {
    name: 'an empty old_string fills an empty file',
    file: '',
    old: '',
    new: 'hello\n',
    expected: 'hello\n',
    tolerance: [],
  },
  {
    name: 'replace_all with a tolerant match changes every place',
    file: 'say("a")\nsay("a")\n',
    old: 'say(“a”)',
    new: 'say(“b”)',
    replaceAll: true,
    expected: 'say("b")\nsay("b")\n',
    tolerance: ['quotes'],
  },
];

interface RefuseCase {
  name: string;
  file: string;
  old: string;
  new: string;
  code: EditErrorCode;
  says: RegExp;
}

const refusals: RefuseCase[] = [
  {
    name: 'identical old and new strings',
    file: 'a\n',
    old: 'a',
    new: 'a',
    code: 'no-change',
    says: /identical/,
  },
  {
    name: 'an empty old_string on a file with content',
    file: 'a\n',
    old: '',
    new: 'b',
    code: 'empty-old-string',
    says: /empty/,
  },
  {
    name: 'two exact matches, naming their lines',
    file: 'x = 1\ny = 2\nx = 1\n',
    old: 'x = 1',
    new: 'x = 3',
    code: 'ambiguous',
    says: /2 places.*lines 1, 3/,
  },
  {
    name: 'two tolerant matches are refused, not guessed',
    file: 'if a:\n    go()\nwhile b:\n    if a:\n        go()\n',
    old: '  if a:\n      go()',
    new: '  if a:\n      stop()',
    code: 'ambiguous',
    says: /2 places.*allowing/,
  },
  {
    name: 'a wrong line, showing the closest real text with line numbers',
    file: 'def f():\n    a = 1\n    b = 2\n    return a + b\n',
    old: 'def f():\n    a = 1\n    b = 3\n    return a + b',
    new: 'def f():\n    return 0',
    code: 'not-found',
    says: /Closest text in the file, lines 1–4[\s\S]*     3\t    b = 2[\s\S]*differ from your old_string: 3/,
  },
  {
    name: 'an elided middle with "..."',
    file: 'a\nb\nc\nd\n',
    old: 'a\n...\nd',
    new: 'z',
    code: 'elided',
    says: /placeholder.*"\.\.\."[\s\S]*lines 1–4/,
  },
  {
    name: 'an elided middle with "// ..."',
    file: 'f() {\n  a();\n  b();\n}\n',
    old: 'f() {\n  // ...\n}',
    new: 'f() {}',
    code: 'elided',
    says: /"\/\/ \.\.\."/,
  },
  {
    name: 'an elided middle with "# ..."',
    file: 'def f():\n    a()\n    b()\n',
    old: 'def f():\n    # ...\n    b()',
    new: 'x',
    code: 'elided',
    says: /"# \.\.\."/,
  },
  {
    name: 'an elided middle with "/* ... */"',
    file: 'int f() {\n  a();\n  b();\n}\n',
    old: 'int f() {\n  /* ... */\n}',
    new: 'x',
    code: 'elided',
    says: /\/\* \.\.\. \*\//,
  },
  {
    name: 'an elided middle with "// rest of code"',
    file: 'f() {\n  a();\n  b();\n}\n',
    old: 'f() {\n  a();\n  // rest of code\n}',
    new: 'x',
    code: 'elided',
    says: /rest of code/,
  },
  {
    name: 'text with nothing similar in the file',
    file: 'alpha\nbeta\n',
    old: 'zzzz qqqq',
    new: 'x',
    code: 'not-found',
    says: /Read the file again/,
  },
  {
    name: 'a partial first-and-last-line match does not replace the unquoted middle',
    file: 'start()\nmiddle()\nend()\n',
    old: 'start()\nother()\nend()',
    new: 'x',
    code: 'not-found',
    says: /differ from your old_string: 2/,
  },
  {
    name: 'a dedent that new_string cannot follow',
    file: 'def f():\n    x = 1\n',
    old: '        x = 1',
    new: '    x = 2\ny = 3',
    code: 'reindent-failed',
    says: /line 2 of new_string/,
  },
  {
    name: 'a new_string that stands in "// ... existing code ..." for text it would delete',
    file: 'function f() {\n  a();\n  b();\n}\n',
    old: 'function f() {\n  a();\n  b();\n}',
    new: 'function f() {\n  start();\n  // ... existing code ...\n}',
    code: 'placeholder-in-new-string',
    says: /placeholder "\/\/ \.\.\. existing code \.\.\."/,
  },
  {
    name: "an old_string copied with Read's line numbers that do not say where the text is",
    file: 'a = 1\nb = 2\n',
    old: '     4\ta = 1\n     5\tb = 2',
    new: 'x',
    code: 'not-found',
    says: /line numbers/,
  },
  {
    name: 'whitespace-only old_string is never matched loosely',
    file: 'a\n\nb\n',
    old: '  ',
    new: 'x',
    code: 'not-found',
    says: /not found/,
  },
];

describe('applyEdit', () => {
  for (const testCase of applies) {
    it(`applies ${testCase.name}`, () => {
      const outcome = applyEdit(testCase.file, {
        oldString: testCase.old,
        newString: testCase.new,
        replaceAll: testCase.replaceAll ?? false,
      });
      assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
      assert.equal(outcome.content, testCase.expected);
      assert.deepEqual([...outcome.tolerance].sort(), [...testCase.tolerance].sort());
    });
  }

  for (const testCase of refusals) {
    it(`refuses ${testCase.name}`, () => {
      const outcome = applyEdit(testCase.file, { oldString: testCase.old, newString: testCase.new });
      assert.equal(outcome.ok, false);
      if (outcome.ok) return;
      assert.equal(outcome.code, testCase.code);
      assert.match(outcome.message, testCase.says);
    });
  }

  it('reports the line of each replacement in the new content', () => {
    const outcome = applyEdit('a\nb\na\n', { oldString: 'a', newString: 'c\nd', replaceAll: true });
    assert.ok(outcome.ok);
    assert.deepEqual(outcome.lines, [1, 4]);
  });

  it('searches only after scope.from and at line starts for patches', () => {
    const content = 'x\ny\nx\ny\n';
    const outcome = applyEdit(
      content,
      { oldString: 'x\ny\n', newString: 'z\n' },
      { from: 2, lineStart: true },
    );
    assert.ok(outcome.ok);
    assert.equal(outcome.content, 'x\ny\nz\n');
  });

  it('anchors at the end of the file when scope.atEnd is set', () => {
    const outcome = applyEdit('k\nv\nk\nv\n', { oldString: 'k\nv\n', newString: 'end\n' }, { atEnd: true });
    assert.ok(outcome.ok);
    assert.equal(outcome.content, 'k\nv\nend\n');
  });
});

describe('applyEdit never matches a first line by its tail when the shift disagrees', () => {
  it('refuses an old_string whose lines keep a different relative indentation', () => {
    const outcome = applyEdit('while b:\n  if a:\n      go()\n', {
      oldString: 'if a:\n  go()',
      newString: 'if a:\n  stop()',
    });
    assert.equal(outcome.ok, false);
  });
});

describe('applyEdit with an old_string quoted from its first word', () => {
  const file = 'class Item:\n    name: str\n    tags: list\n';
  const cases: [string, string, string][] = [
    [
      'indents later lines written relative to the quoted line',
      'tags: list\nlocation: str',
      'class Item:\n    name: str\n    tags: list\n    location: str\n',
    ],
    [
      'leaves later lines that already carry the file indentation',
      'tags: list\n    location: str',
      'class Item:\n    name: str\n    tags: list\n    location: str\n',
    ],
  ];
  for (const [name, newString, expected] of cases) {
    it(name, () => {
      const outcome = applyEdit(file, { oldString: 'tags: list', newString });
      assert.ok(outcome.ok);
      assert.equal(outcome.content, expected);
    });
  }

  it('matches the start of a line whose indentation the model got wrong', () => {
    const outcome = applyEdit('intro\n  Type here, then more.\n', {
      oldString: '      Type here,',
      newString: '      Write here,',
    });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
    assert.equal(outcome.content, 'intro\n  Write here, then more.\n');
  });
});

describe('applyEdit refuses hostile near-misses', () => {
  const file = 'def total(items):\n    s = 0\n\n    for i in items:\n        s += i\n    return s\n';
  const hostile: [string, string][] = [
    ['a different space inside a line', 'def total(items):\n    s  = 0'],
    ['a missing blank line', '    s = 0\n    for i in items:'],
    ['a truncated middle line', '    s = 0\n\n    for i in\n        s += i'],
    ['lines in another order', '        s += i\n    for i in items:'],
    ['an extra line the file does not have', '    s = 0\n    t = 0\n\n    for i in items:'],
  ];
  for (const [name, oldString] of hostile) {
    it(`refuses ${name}`, () => {
      const outcome = applyEdit(file, { oldString, newString: 'X' });
      assert.equal(outcome.ok, false);
    });
  }
});

describe('applyEdit scoped for patches', () => {
  it('finds a line-start occurrence that overlaps a mid-line one', () => {
    const outcome = applyEdit(
      'xa\na\nb\n',
      { oldString: 'a\na\nb\n', newString: 'A\n' },
      { lineStart: true },
    );
    assert.equal(outcome.ok, false);
    const second = applyEdit('ba\nba\nc\n', { oldString: 'ba\nc\n', newString: 'B\n' }, { lineStart: true });
    assert.ok(second.ok);
    assert.equal(second.content, 'ba\nB\n');
  });

  it('finds the occurrence at the end when an earlier one overlaps it', () => {
    const outcome = applyEdit('k\nk\nk\n', { oldString: 'k\nk\n', newString: 'z\n' }, { atEnd: true });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
    assert.equal(outcome.content, 'k\nz\n');
  });
});
