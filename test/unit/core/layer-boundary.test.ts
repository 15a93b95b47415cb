import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = join(__dirname, '..', '..', '..');

function sourceFiles(directory: string): string[] {
  return readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const path = join(directory, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

describe('src/core layer boundary', () => {
  it('bundles without vscode, node:* or a Node built-in reaching the core', async () => {
    const offenders: string[] = [];
    await build({
      entryPoints: sourceFiles(join(root, 'src', 'core')),
      bundle: true,
      write: false,
      outdir: join(root, 'out', 'core-check'),
      platform: 'neutral',
      mainFields: ['module', 'main'],
      logLevel: 'silent',
      plugins: [
        {
          name: 'forbid-outer-layers',
          setup(context) {
            context.onResolve({ filter: /.*/ }, (args) => {
              const builtin = args.path === 'vscode' || isBuiltin(args.path);
              const outer = /\/src\/(node|host|cli|protocol)\//.test(join(args.resolveDir, args.path));
              if (builtin || (args.path.startsWith('.') && outer)) {
                offenders.push(`${relative(root, args.importer)} imports ${args.path}`);
                return { path: args.path, external: true };
              }
              return undefined;
            });
          },
        },
      ],
    });
    assert.deepEqual(offenders, []);
  });
});
