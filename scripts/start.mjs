// `npm start`: build, package the .vsix, install code-server (cached), install Tandem into a
// persistent dev profile and serve VS Code on 127.0.0.1 (offline, no auth).
//   node scripts/start.mjs [--port 8080] [--folder <workspace>] [--no-build]
// A relative --folder is taken from the directory `npm start` was run in (npm's INIT_CWD).
// Environment: TANDEM_PORT, and ANTHROPIC_* / OPENAI_* are passed to the extension host.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const option = (name) => {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
};
const port = Number(option('--port') ?? process.env.TANDEM_PORT ?? 8080);
const folder = resolve(process.env.INIT_CWD ?? process.cwd(), option('--folder') ?? root);
if (!existsSync(folder) || !statSync(folder).isDirectory()) {
  console.error(`[start] --folder ${folder} is not a folder`);
  process.exit(1);
}
const profile = join(root, '.tandem-tools', 'dev');
const userDataDir = join(profile, 'user-data');
const extensionsDir = join(profile, 'extensions');

function step(command, args) {
  const result = spawnSync(command, args, {
    cwd: root,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout);
    console.error(`[start] ${command} ${args.join(' ')} failed`);
    process.exit(1);
  }
  return result.stdout.trim().split('\n').pop() ?? '';
}

const vsix = step('node', [
  'scripts/package-vsix.mjs',
  ...(process.argv.includes('--no-build') ? ['--no-build'] : []),
]);
const codeServer = step('bash', ['scripts/install-code-server.sh']);
mkdirSync(join(userDataDir, 'User'), { recursive: true });
mkdirSync(extensionsDir, { recursive: true });
const settingsPath = join(userDataDir, 'User', 'settings.json');
// Written once; the profile is the person's from then on. Extension update checks are off: they
// query the gallery at every start, which fails (with an error in the log) when offline.
if (!existsSync(settingsPath)) {
  writeFileSync(
    settingsPath,
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'telemetry.telemetryLevel': 'off',
        'update.mode': 'none',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
      },
      null,
      2,
    ),
  );
}
step(codeServer, [
  '--user-data-dir',
  userDataDir,
  '--extensions-dir',
  extensionsDir,
  '--install-extension',
  vsix,
  '--force',
]);
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version;

const server = spawn(
  codeServer,
  [
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    folder,
  ],
  { stdio: ['ignore', 'inherit', 'inherit'] },
);
console.log(
  `\n[start] Tandem ${version} in VS Code: http://127.0.0.1:${port}/?folder=${encodeURIComponent(folder)}\n`,
);
const stop = () => server.kill('SIGTERM');
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
server.on('exit', (code) => process.exit(code ?? 0));
