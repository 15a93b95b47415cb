import { strict as assert } from 'node:assert';
import type { EditErrorCode } from '../../../../src/core/edits/apply-edit';
import { applyEdit } from '../../../../src/core/edits/apply-edit';

interface ApplyCase {
  name: string;
  file: string;
  old: string;
  new: string;
  expected: string;
}

const goFile = 'func run() {\n\tif ok {\n\t\tstart()\n\t}\n\treturn\n}\n';
const pythonFile =
  'class Stock:\n    def take(self, n):\n        if n > self.left:\n            raise Empty()\n        self.left -= n\n';
const yamlFile = 'jobs:\n  test:\n    steps:\n      - run: npm ci\n      - run: npm test\n';
const emacsFile = [
  'int main(void)',
  '{',
  '    if (ready) {',
  '\tstart();',
  '\tif (late) {',
  '\t    warn();',
  '\t    log();',
  '\t}',
  '    }',
  '    return 0;',
  '}',
  '',
].join('\n');

const applies: ApplyCase[] = [
  {
    name: 'spaces where the file has tabs, and writes the new lines with tabs',
    file: goFile,
    old: '    if ok {\n        start()\n    }',
    new: '    if ok {\n        start()\n        wait()\n    }',
    expected: 'func run() {\n\tif ok {\n\t\tstart()\n\t\twait()\n\t}\n\treturn\n}\n',
  },
  {
    name: 'two spaces per tab where the file has tabs',
    file: goFile,
    old: '  if ok {\n    start()\n  }',
    new: '  if ok {\n    start()\n  } else {\n    stop()\n  }',
    expected: 'func run() {\n\tif ok {\n\t\tstart()\n\t} else {\n\t\tstop()\n\t}\n\treturn\n}\n',
  },
  {
    name: 'eight spaces per tab where the file has tabs',
    file: goFile,
    old: '        if ok {\n                start()',
    new: '        if ok && ready {\n                start()',
    expected: 'func run() {\n\tif ok && ready {\n\t\tstart()\n\t}\n\treturn\n}\n',
  },
  {
    name: 'spaces one level shallower than the tabs of the file',
    file: goFile,
    old: 'if ok {\n    start()\n}',
    new: 'if ok {\n    start()\n    if debug {\n        trace()\n    }\n}',
    expected:
      'func run() {\n\tif ok {\n\t\tstart()\n\t\tif debug {\n\t\t\ttrace()\n\t\t}\n\t}\n\treturn\n}\n',
  },
  {
    name: 'spaces one level deeper than the tabs of the file',
    file: goFile,
    old: '        if ok {\n            start()\n        }\n        return',
    new: '        if ok {\n            start()\n        }\n        log()\n        return',
    expected: 'func run() {\n\tif ok {\n\t\tstart()\n\t}\n\tlog()\n\treturn\n}\n',
  },
  {
    name: 'tabs where the file has four spaces',
    file: pythonFile,
    old: '\t\tif n > self.left:\n\t\t\traise Empty()',
    new: '\t\tif n > self.left:\n\t\t\tlog(n)\n\t\t\traise Empty()',
    expected:
      'class Stock:\n    def take(self, n):\n        if n > self.left:\n            log(n)\n            raise Empty()\n        self.left -= n\n',
  },
  {
    name: 'two-space units where the file has four, keeping the nesting of new_string',
    file: pythonFile,
    old: '  def take(self, n):\n    if n > self.left:\n      raise Empty()',
    new: '  def take(self, n):\n    if n <= 0:\n      return\n    if n > self.left:\n      raise Empty()',
    expected:
      'class Stock:\n    def take(self, n):\n        if n <= 0:\n            return\n        if n > self.left:\n            raise Empty()\n        self.left -= n\n',
  },
  {
    name: 'four-space units where a YAML file has two, keeping the structure',
    file: yamlFile,
    old: '        steps:\n            - run: npm ci\n',
    new: '        steps:\n            - uses: actions/checkout@v4\n            - run: npm ci\n',
    expected:
      'jobs:\n  test:\n    steps:\n      - uses: actions/checkout@v4\n      - run: npm ci\n      - run: npm test\n',
  },
  {
    name: 'a block comment in a tab file, keeping the space before each star',
    file: '\t/**\n\t * Starts it.\n\t */\n\tstart() {}\n',
    old: '    /**\n     * Starts it.\n     */',
    new: '    /**\n     * Starts it.\n     * Twice is a no-op.\n     */',
    expected: '\t/**\n\t * Starts it.\n\t * Twice is a no-op.\n\t */\n\tstart() {}\n',
  },
  {
    name: 'a Makefile recipe quoted with spaces, which must stay tabs',
    file: 'build:\n\tgo build ./...\n\ntest:\n\tgo test ./...\n',
    old: 'test:\n    go test ./...\n',
    new: 'test:\n    go vet ./...\n    go test ./...\n',
    expected: 'build:\n\tgo build ./...\n\ntest:\n\tgo vet ./...\n\tgo test ./...\n',
  },
  {
    name: 'spaces in an old Emacs-style file, written back with a tab for every eight columns',
    file: emacsFile,
    old: '        if (late) {\n            warn();\n            log();\n        }',
    new: '        if (late) {\n            warn();\n        }',
    expected: emacsFile.replace('\t    warn();\n\t    log();\n', '\t    warn();\n'),
  },
  {
    name: 'one quoted line in spaces in a tab file, with a block added below it',
    file: goFile,
    old: '        start()',
    new: '        start()\n        if late {\n            warn()\n        }',
    expected: 'func run() {\n\tif ok {\n\t\tstart()\n\t\tif late {\n\t\t\twarn()\n\t\t}\n\t}\n\treturn\n}\n',
  },
  {
    name: 'spaces in a file that mixes tabs and spaces, reusing only the depths old_string shows',
    file: 'def f():\n    if x:\n\ty()\n\tz()\n    return 1\n',
    old: '    if x:\n        y()\n        z()',
    new: '    if x:\n        y()\n        w()',
    expected: 'def f():\n    if x:\n\ty()\n\tw()\n    return 1\n',
  },
  {
    name: 'a line quoted from its first word whose new lines use tabs in a space file',
    file: yamlFile,
    old: 'steps:',
    new: 'steps:\n\t- run: npm audit',
    expected:
      'jobs:\n  test:\n    steps:\n      - run: npm audit\n      - run: npm ci\n      - run: npm test\n',
  },
  {
    name: 'one line quoted with part of its indentation, whose new lines follow the quoted depth',
    file: pythonFile,
    old: '    self.left -= n\n',
    new: '    self.left -= n\n    return self.left\n',
    expected: pythonFile + '        return self.left\n',
  },
  {
    name: 'an unchanged line exactly as the file has it, trailing spaces included',
    file: 'Roses are red,  \nviolets are blue.\n',
    old: 'Roses are red,\nviolets are blue.',
    new: 'Roses are red,\nviolets are new.',
    expected: 'Roses are red,  \nviolets are new.\n',
  },
];

interface RefuseCase {
  name: string;
  file: string;
  old: string;
  new: string;
  code: EditErrorCode;
}

const refusals: RefuseCase[] = [
  {
    name: 'a Python line quoted inside a block it is outside of',
    file: pythonFile,
    old: '\t\tif n > self.left:\n\t\t\traise Empty()\n\t\t\tself.left -= n',
    new: 'x',
    code: 'not-found',
  },
  {
    name: 'a YAML key quoted as a sibling where the file nests it',
    file: yamlFile,
    old: '    test:\n    steps:',
    new: '    test:\n    steps: []',
    code: 'not-found',
  },
  {
    name: 'a first line indented one level more than the rest, in another kind',
    file: goFile,
    old: '        if ok {\n        start()\n    }',
    new: 'x',
    code: 'not-found',
  },
  {
    name: 'two places that match once tabs are read as spaces',
    file: 'if a {\n\tgo()\n}\nif b {\n\tif a {\n\t\tgo()\n\t}\n}\n',
    old: 'if a {\n    go()',
    new: 'if a {\n    stop()',
    code: 'ambiguous',
  },
  {
    name: 'a hanging indent in new_string when the units differ, whose width levels cannot decide',
    file: 'def f():\n  total = 0\n  return total\n',
    old: '    total = 0',
    new: '    total = add(1,\n                2)',
    code: 'reindent-failed',
  },
  {
    name: 'a line two levels deeper than the one before it when the units differ',
    file: 'def f():\n  if x:\n    total = 0\n  return total\n',
    old: '    if x:\n        total = 0',
    new: '    if x:\n        total = (\n                1)',
    code: 'reindent-failed',
  },
  {
    name: 'a line that tabs and spaces put at different levels',
    file: pythonFile,
    old: '\t\tif n > self.left:\n            raise Empty()',
    new: 'x',
    code: 'not-found',
  },
  {
    name: 'a deeper new line in spaces for a tab file that aligns with spaces after its tabs',
    file: 'f() {\n\tcall(a,\n\t    b);\n\tif (x)\n\t\ty();\n}\n',
    old: '    if (x)\n        y();',
    new: '    if (x)\n        y(1,\n            2);',
    code: 'reindent-failed',
  },
  {
    name: 'a new depth in a file that mixes tabs and spaces, which has no one spelling there',
    file: 'def f():\n    if x:\n\ty()\n    return 1\n',
    old: '    if x:\n        y()',
    new: '    if x:\n        if z:\n            y()',
    code: 'reindent-failed',
  },
  {
    name: 'two lines quoted with part of the first one’s indentation, as the rest disagree',
    file: pythonFile,
    old: '    if n > self.left:\n            raise Empty()',
    new: '    if n > self.left:\n    raise Empty()',
    code: 'partial-indentation',
  },
  {
    name: 'a closing bracket read as the tail of another line once tabs stand for spaces',
    file: '{\n  "tasks": {\n    "greet": {\n      "env": {}\n    }\n  }\n}\n',
    old: '}\n\t}\n',
    new: '}\n\t},\n',
    code: 'not-found',
  },
  {
    name: 'a tab inside a line retyped as spaces',
    file: 'NAME\t:= tandem\n',
    old: 'NAME    := tandem',
    new: 'NAME    := other',
    code: 'not-found',
  },
  {
    name: 'a non-breaking space retyped as a space',
    file: 'Price:\u00a010 €\n',
    old: 'Price: 10 €',
    new: 'Price: 12 €',
    code: 'not-found',
  },
];

describe('applyEdit reads indentation by level', () => {
  for (const testCase of applies) {
    it(`applies ${testCase.name}`, () => {
      const outcome = applyEdit(testCase.file, { oldString: testCase.old, newString: testCase.new });
      assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
      assert.equal(outcome.content, testCase.expected);
    });
  }

  for (const testCase of refusals) {
    it(`refuses ${testCase.name}`, () => {
      const outcome = applyEdit(testCase.file, { oldString: testCase.old, newString: testCase.new });
      assert.equal(outcome.ok, false, outcome.ok ? outcome.content : '');
      if (!outcome.ok) assert.equal(outcome.code, testCase.code, outcome.message);
    });
  }

  it('says how the indentation differed when new_string cannot follow it', () => {
    const outcome = applyEdit('def f():\n  total = 0\n', {
      oldString: '    total = 0',
      newString: '    total = add(1,\n                2)',
    });
    assert.equal(outcome.ok, false);
    if (!outcome.ok) assert.match(outcome.message, /2 spaces where old_string used 4 spaces.*line 2/);
  });

  it('reads a Go file with a few space-indented lines as tabs, not as the Emacs mix', () => {
    const file = 'var usage = `\n    run it\n    twice\n`\n\nfunc f() {\n\tgo()\n}\n';
    const outcome = applyEdit(file, {
      oldString: '    go()',
      newString: '    go()\n    if x {\n        stop()\n    }',
    });
    assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
    assert.equal(outcome.content, file.replace('\tgo()\n', '\tgo()\n\tif x {\n\t\tstop()\n\t}\n'));
  });
});
