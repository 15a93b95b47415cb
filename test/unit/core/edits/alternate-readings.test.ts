import { strict as assert } from 'node:assert';
import type { EditErrorCode, Tolerance } from '../../../../src/core/edits/apply-edit';
import { applyEdit } from '../../../../src/core/edits/apply-edit';

interface ApplyCase {
  name: string;
  file: string;
  old: string;
  new: string;
  expected: string;
  tolerance: Tolerance;
}

const python = 'def greet(name):\n    print("hello", name)\n    return name\n';

const applies: ApplyCase[] = [
  {
    name: "Read's line numbers on both strings, where they say the text is",
    file: python,
    old: '     2\t    print("hello", name)\n     3\t    return name',
    new: '     2\t    print("hi", name)\n     3\t    return name',
    expected: 'def greet(name):\n    print("hi", name)\n    return name\n',
    tolerance: 'line-numbers',
  },
  {
    name: 'line numbers with an arrow, on old_string only',
    file: python,
    old: '2→    print("hello", name)',
    new: '    print("hey", name)',
    expected: 'def greet(name):\n    print("hey", name)\n    return name\n',
    tolerance: 'line-numbers',
  },
  {
    name: 'quotes escaped one level too many',
    file: python,
    old: '    print(\\"hello\\", name)',
    new: '    print(\\"hello, world\\", name)',
    expected: 'def greet(name):\n    print("hello, world", name)\n    return name\n',
    tolerance: 'escaping',
  },
  {
    name: 'line breaks written as \\n, with a literal \\n in the code escaped twice',
    file: 'def f():\n    return "a\\nb"\n',
    old: 'def f():\\n    return \\"a\\\\nb\\"',
    new: 'def f():\\n    return \\"a\\\\nb\\\\n\\"',
    expected: 'def f():\n    return "a\\nb\\n"\n',
    tolerance: 'escaping',
  },
  {
    name: 'a non-ASCII character escaped as \\u in an over-escaped edit',
    file: 'title = "It’s here"\n',
    old: 'title = \\"It\\u2019s here\\"',
    new: 'title = \\"It\\u2019s gone\\"',
    expected: 'title = "It’s gone"\n',
    tolerance: 'escaping',
  },
  {
    name: 'HTML entities for the operators of a file that has none',
    file: 'if (a < b && c > d) {\n  go();\n}\n',
    old: 'if (a &lt; b &amp;&amp; c &gt; d) {',
    new: 'if (a &lt;= b &amp;&amp; c &gt; d) {',
    expected: 'if (a <= b && c > d) {\n  go();\n}\n',
    tolerance: 'escaping',
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
    name: 'line numbers out of sequence',
    file: python,
    old: '     2\t    print("hello", name)\n     4\t    return name',
    new: '    return name',
    code: 'not-found',
  },
  {
    name: 'line numbers on only some lines of new_string',
    file: python,
    old: '     2\t    print("hello", name)',
    new: '     2\t    print("hi", name)\n    log(name)',
    code: 'not-found',
  },
  {
    name: 'an escaped old_string with a new_string that writes the same quote bare',
    file: python,
    old: '    print(\\"hello\\", name)',
    new: '    print("hello\\n", name)',
    code: 'not-found',
  },
  {
    name: 'line breaks written as \\n in old_string but real ones in new_string',
    file: python,
    old: '    print(\\"hello\\", name)\\n    return name',
    new: '    print(\\"hi\\", name)\n    return name',
    code: 'not-found',
  },
  {
    name: 'entities in a file that has entities of its own',
    file: '<p>Fish &amp; chips</p>\n<p>a < b</p>\n',
    old: '<p>a &lt; b</p>',
    new: '<p>a &lt;= b</p>',
    code: 'not-found',
  },
  {
    name: 'an unescaped reading that matches two places',
    file: 'say("a")\nsay("a")\n',
    old: 'say(\\"a\\")',
    new: 'say(\\"b\\")',
    code: 'ambiguous',
  },
];

describe('applyEdit under alternate readings of an edit found nowhere as written', () => {
  for (const testCase of applies) {
    it(`applies ${testCase.name}`, () => {
      const outcome = applyEdit(testCase.file, { oldString: testCase.old, newString: testCase.new });
      assert.ok(outcome.ok, outcome.ok ? '' : outcome.message);
      assert.equal(outcome.content, testCase.expected);
      assert.ok(outcome.tolerance.includes(testCase.tolerance), outcome.tolerance.join(', '));
    });
  }

  for (const testCase of refusals) {
    it(`refuses ${testCase.name}`, () => {
      const outcome = applyEdit(testCase.file, { oldString: testCase.old, newString: testCase.new });
      assert.equal(outcome.ok, false, outcome.ok ? outcome.content : '');
      if (!outcome.ok) assert.equal(outcome.code, testCase.code, outcome.message);
    });
  }

  it('prefers the text as written when it matches', () => {
    const file = 'const s = "say \\"hi\\"";\n';
    const outcome = applyEdit(file, { oldString: '\\"hi\\"', newString: '\\"bye\\"' });
    assert.ok(outcome.ok);
    assert.equal(outcome.content, 'const s = "say \\"bye\\"";\n');
    assert.deepEqual(outcome.tolerance, []);
  });
});
