import { strict as assert } from 'node:assert';
import { commandTargets, globMatcher } from '../../../../src/core/checkpoints/command-targets';
import { TreeSitterShellParser } from '../../../../src/node/bash-parser/tree-sitter-shell-parser';

describe('command targets', () => {
  let parser: TreeSitterShellParser;
  before(async () => {
    parser = await TreeSitterShellParser.load();
  });

  const cases: { command: string; paths: string[]; globs?: string[]; folders?: string[] }[] = [
    { command: "sed -i 's/a/b/' src/x.ts", paths: ['/w/s/a/b', '/w/src/x.ts'] },
    { command: 'echo hi > out.txt 2>&1', paths: ['/w/out.txt'] },
    { command: 'npm test | tee log.txt', paths: ['/w/test', '/w/log.txt'] },
    { command: 'mv a.txt b.txt', paths: ['/w/a.txt', '/w/b.txt'], folders: ['/w/a.txt', '/w/b.txt'] },
    { command: 'rm -rf build', paths: ['/w/build'], folders: ['/w/build'] },
    { command: 'cd sub && sed -i s/x/y/ f.txt', paths: ['/w/sub/s/x/y', '/w/sub/f.txt'] },
    { command: 'prettier --write src/*.ts', paths: [], globs: ['/w/src/*.ts'] },
    { command: 'gcc -o./bin/app main.c', paths: ['/w/bin/app', '/w/main.c'] },
    { command: 'cat "$FILE" > ~/notes.txt', paths: [] },
    { command: 'echo $(date) > /dev/null', paths: [] },
  ];
  for (const example of cases) {
    it(`names what \`${example.command}\` may write`, () => {
      const targets = commandTargets(parser.parse(example.command), '/w', 64);
      assert.deepEqual(targets.paths, example.paths);
      assert.deepEqual(targets.globs, example.globs ?? []);
      assert.deepEqual(targets.folders, example.folders ?? []);
    });
  }

  it('stops at the limit', () => {
    const targets = commandTargets(parser.parse('touch a b c d e'), '/w', 3);
    assert.deepEqual(targets.paths, ['/w/a', '/w/b', '/w/c']);
  });

  it('matches wildcard words as the shell would: no slash, no dot files', () => {
    const matches = globMatcher(['/w/src/*.ts']);
    assert.equal(matches('/w/src/a.ts'), true);
    assert.equal(matches('/w/src/deep/a.ts'), false);
    assert.equal(matches('/w/src/.hidden.ts'), false);
  });
});
