import { strict as assert } from 'node:assert';
import { readdirSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

const root = join(__dirname, '..', '..', '..');
const protocol = join(root, 'src', 'protocol');

describe('src/protocol layer boundary', () => {
  it('bundles for the webview without vscode, node:* or another layer of the extension', async () => {
    const offenders: string[] = [];
    await build({
      entryPoints: readdirSync(protocol)
        .filter((name) => name.endsWith('.ts'))
        .map((name) => join(protocol, name)),
      bundle: true,
      write: false,
      outdir: join(root, 'out', 'protocol-check'),
      platform: 'browser',
      logLevel: 'silent',
      plugins: [
        {
          name: 'forbid-outer-layers',
          setup(context) {
            context.onResolve({ filter: /.*/ }, (args) => {
              const builtin = args.path === 'vscode' || isBuiltin(args.path);
              const outer = /\/src\/(core|node|host|cli)\//.test(join(args.resolveDir, args.path));
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
