import { strict as assert } from 'node:assert';
import {
  applyInPlaceEdit,
  findInPlaceEdit,
  posixRegexToJs,
} from '../../../../src/core/permissions/sed-preview';

describe('sed -i / perl -pi preview', () => {
  const cases: { argv: string[]; before: string; after: string | undefined }[] = [
    { argv: ['sed', '-i', 's/a/b/', 'f'], before: 'aa\na', after: 'ba\nb' },
    { argv: ['sed', '-i', 's/a/b/g', 'f'], before: 'aa\na', after: 'bb\nb' },
    { argv: ['sed', '-i.bak', '-e', 's/x/y/', '-e', 's/y/z/', 'f'], before: 'x', after: 'z' },
    { argv: ['sed', '-i', 's|/usr|/opt|g', 'f'], before: '/usr/bin', after: '/opt/bin' },
    { argv: ['sed', '-i', 's/\\(foo\\)bar/\\1baz/', 'f'], before: 'foobar', after: 'foobaz' },
    { argv: ['sed', '-i', '-E', 's/(a+)/[\\1]/', 'f'], before: 'caab', after: 'c[aa]b' },
    { argv: ['sed', '-i', 's/a+/b/', 'f'], before: 'a+ aa', after: 'b aa' },
    { argv: ['sed', '-i', 's/x/&&/g', 'f'], before: 'x', after: 'xx' },
    { argv: ['sed', '-i', 's/^/# /', 'f'], before: 'a\nb', after: '# a\n# b' },
    { argv: ['sed', '-i', 's/A/b/gI', 'f'], before: 'aA', after: 'bb' },
    { argv: ['sed', '-i', 's/[[:space:]]/_/', 'f'], before: 'a b', after: undefined },
    { argv: ['sed', '-i', 's/a/b/w out', 'f'], before: 'a', after: undefined },
    { argv: ['sed', '-i', '/x/d', 'f'], before: 'x', after: undefined },
    { argv: ['perl', '-pi', '-e', 's/(\\d+)/<$1>/g', 'f'], before: 'a1b22', after: 'a<1>b<22>' },
    { argv: ['perl', '-i', '-pe', 's/foo/bar/', 'f'], before: 'foo foo', after: 'bar foo' },
  ];
  for (const { argv, before, after } of cases) {
    it(`${argv.join(' ')} turns ${JSON.stringify(before)} into ${JSON.stringify(after)}`, () => {
      const edit = findInPlaceEdit(argv);
      assert.ok(edit, 'recognised');
      assert.deepEqual(edit.files, ['f']);
      assert.equal(applyInPlaceEdit(edit, before), after);
    });
  }

  it('ignores sed without -i and unknown options', () => {
    assert.equal(findInPlaceEdit(['sed', 's/a/b/', 'f']), undefined);
    assert.equal(findInPlaceEdit(['sed', '-i', '-f', 'script', 'f']), undefined);
    assert.equal(findInPlaceEdit(['perl', '-e', 's/a/b/', 'f']), undefined);
  });

  it('translates basic regular expressions conservatively', () => {
    assert.equal(posixRegexToJs('a\\{2\\}(x)', false), 'a{2}\\(x\\)');
    assert.equal(posixRegexToJs('\\w', false), undefined);
  });
});
