import { strict as assert } from 'node:assert';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { applyPatchTool } from '../../../../../src/core/tools/apply-patch/apply-patch-tool';
import { readTool } from '../../../../../src/core/tools/read/read-tool';
import { MemoryWorkspace } from '../../../../support/memory-workspace';
import { createToolContext, runTool } from '../../../../support/tool-context';

const scenariosRoot = join(__dirname, '../../../../fixtures/apply-patch');

function readTree(folder: string): Map<string, string> {
  const files = new Map<string, string>();
  if (!existsSync(folder)) return files;
  const walk = (directory: string) => {
    for (const name of readdirSync(directory)) {
      const path = join(directory, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(folder, path).split('\\').join('/'), readFileSync(path, 'utf8'));
    }
  };
  walk(folder);
  return files;
}

function snapshot(workspace: MemoryWorkspace): Map<string, string> {
  const files = new Map<string, string>();
  for (const path of workspace.files.keys())
    files.set(path.slice('/work/'.length), workspace.text(path) ?? '');
  return files;
}

describe('ApplyPatch scenarios (test/fixtures/apply-patch)', () => {
  for (const name of readdirSync(scenariosRoot).sort()) {
    const folder = join(scenariosRoot, name);
    const errorFile = join(folder, 'error');
    const expectedError = existsSync(errorFile) ? readFileSync(errorFile, 'utf8').trim() : undefined;
    it(`${name.replace(/^\d+_/, '').replaceAll('_', ' ')}`, async () => {
      const input = readTree(join(folder, 'input'));
      const workspace = new MemoryWorkspace(
        ['/work'],
        Object.fromEntries([...input].map(([path, content]) => [`/work/${path}`, content])),
      );
      const context = createToolContext({ workspace });
      for (const path of input.keys()) await runTool(readTool, { file_path: `/work/${path}` }, context);
      const patch = readFileSync(join(folder, 'patch'), 'utf8');
      const { result } = await runTool(applyPatchTool, { input: patch }, context);
      const message = typeof result.content === 'string' ? result.content : JSON.stringify(result.content);
      if (expectedError === undefined) assert.equal(result.isError, false, message);
      else {
        assert.equal(result.isError, true, message);
        assert.ok(message.includes(expectedError), message);
      }
      assert.deepEqual(snapshot(workspace), readTree(join(folder, 'expected')));
    });
  }
});
