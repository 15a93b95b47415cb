import { strict as assert } from 'node:assert';
import type { IndentStyle } from '../../../../../src/core/edits/indentation/indent-style';
import {
  fileIndentProfile,
  modelIndentStyle,
  parseIndent,
  renderIndent,
} from '../../../../../src/core/edits/indentation/indent-style';

const tabs: IndentStyle = { kind: 'tabs' };
const two: IndentStyle = { kind: 'spaces', unit: 2 };
const four: IndentStyle = { kind: 'spaces', unit: 4 };
const emacs: IndentStyle = { kind: 'mixed', unit: 4, tabWidth: 8 };

describe('indentation read as levels', () => {
  const readings: [string, IndentStyle, { level: number; align: number } | undefined][] = [
    ['\t\t', tabs, { level: 2, align: 0 }],
    ['\t ', tabs, { level: 1, align: 1 }],
    ['      ', four, { level: 1, align: 2 }],
    ['      ', two, { level: 3, align: 0 }],
    ['\t    ', emacs, { level: 3, align: 0 }],
    ['    ', emacs, { level: 1, align: 0 }],
    ['\t', four, undefined],
    [' \t', tabs, undefined],
  ];
  for (const [indent, style, expected] of readings) {
    it(`reads ${JSON.stringify(indent)} in ${JSON.stringify(style)} as ${JSON.stringify(expected)}`, () => {
      assert.deepEqual(parseIndent(indent, style), expected);
      if (expected) assert.equal(renderIndent(expected, style), indent);
    });
  }

  const models: [string, string[], IndentStyle | undefined][] = [
    ['tabs', ['\tif x:\n\t\ty()'], tabs],
    ['a 2-space step', ['a:\n  b:\n    c'], two],
    [
      'a 4-space step over a one-space block comment',
      ['    /**\n     * x\n     */\n    f() {\n        g()'],
      four,
    ],
    [
      'one width and no step, as whole levels',
      ['        x = 1', '        x = 2'],
      { kind: 'spaces', unit: 8 },
    ],
    [
      'a hanging indent, which is no step',
      ['    x = 1', '    x = g(a,\n          b)'],
      { kind: 'spaces', unit: 2 },
    ],
    ['spaces before a tab, which has no level reading', [' \tx'], undefined],
  ];
  for (const [name, texts, expected] of models) {
    it(`tells the model's style from ${name}`, () => {
      assert.deepEqual(modelIndentStyle(texts), expected);
    });
  }

  it('recognises the Emacs mix only when levels show both ways', () => {
    const mix = 'f()\n{\n    a();\n    if (b) {\n\tc();\n\tif (d) {\n\t    e();\n\t    g();\n\t}\n    }\n}\n';
    assert.equal(fileIndentProfile(mix).mixed, true);
    const goWithRawString = 'var s = `\n    one\n    two\n`\nfunc f() {\n\tif x {\n\t\ty()\n\t}\n}\n';
    assert.equal(fileIndentProfile(goWithRawString).mixed, false);
  });

  it('notices a file that aligns with spaces after its tabs', () => {
    assert.equal(fileIndentProfile('f(a,\n\t    b)\n').alignsAfterTabs, true);
    assert.equal(fileIndentProfile('\t/**\n\t * x\n\t */\n').alignsAfterTabs, false);
  });
});
