import { strict as assert } from 'node:assert';
import { expandEnv, expandServerConfig } from '../../../../src/core/mcp/expand-env';
import { parseServerMap } from '../../../../src/core/mcp/mcp-server-config';
import type { McpServerEntry } from '../../../../src/core/mcp/mcp-server-entry';
import { mergeServerSources } from '../../../../src/core/mcp/mcp-server-entry';
import { describeTransport } from '../../../../src/core/mcp/mcp-server-state';
import { mcpToolName } from '../../../../src/core/mcp/mcp-tool-name';

describe('MCP configuration', () => {
  describe('${VAR} expansion', () => {
    const env = { HOME: '/home/dev', EMPTY: '', TOKEN: 't0k' };
    const cases: { text: string; value: string; missing?: string[] }[] = [
      { text: '${HOME}/bin', value: '/home/dev/bin' },
      { text: '${NOPE:-https://api.example.com}/mcp', value: 'https://api.example.com/mcp' },
      { text: '${EMPTY:-used when empty}', value: 'used when empty' },
      { text: '${EMPTY}', value: '' },
      { text: 'Bearer ${TOKEN}', value: 'Bearer t0k' },
      { text: '${TOKEN:-ignored}', value: 't0k' },
      { text: '${MISSING}', value: '${MISSING}', missing: ['MISSING'] },
      { text: '$HOME and ${ not a reference', value: '$HOME and ${ not a reference' },
    ];
    for (const { text, value, missing } of cases) {
      it(`expands "${text}" to "${value}"`, () => {
        assert.deepEqual(expandEnv(text, env), { value, missing: missing ?? [] });
      });
    }

    it('expands command, args and env of a stdio entry, and reports each missing variable once', () => {
      const { config, missing } = expandServerConfig(
        { command: '${BIN:-npx}', args: ['-y', '${PKG}'], env: { KEY: '${PKG}', HOME: '${HOME}' } },
        env,
      );
      assert.deepEqual(config, {
        command: 'npx',
        args: ['-y', '${PKG}'],
        env: { KEY: '${PKG}', HOME: '/home/dev' },
      });
      assert.deepEqual(missing, ['PKG']);
    });

    it('expands url and headers of a remote entry', () => {
      const { config } = expandServerConfig(
        {
          type: 'http',
          url: '${BASE:-https://mcp.example.com}/mcp',
          headers: { Authorization: 'Bearer ${TOKEN}' },
        },
        env,
      );
      assert.deepEqual(config, {
        type: 'http',
        url: 'https://mcp.example.com/mcp',
        headers: { Authorization: 'Bearer t0k' },
      });
    });
  });

  describe('entries', () => {
    it('keeps valid entries and names each invalid one with its problem', () => {
      const { servers, problems } = parseServerMap(
        {
          local: { command: 'npx', args: ['-y', 'x'] },
          typed: { type: 'stdio', command: 'node' },
          remote: { type: 'sse', url: 'https://example.com/sse' },
          untyped: { url: 'https://example.com/mcp' },
          empty: {},
          numbers: { command: 'node', args: [1] },
          odd: { type: 'grpc', url: 'x' },
        },
        '.mcp.json',
      );
      assert.deepEqual([...servers.keys()], ['local', 'typed', 'remote']);
      assert.deepEqual(
        problems.map((problem) => [problem.server, problem.message]),
        [
          ['untyped', 'a server with a url needs "type": "http", "sse" or "ws"'],
          ['empty', 'a server needs a "command" (stdio) or a "type" and "url"'],
          ['numbers', 'args.0: Invalid input: expected string, received number'],
          ['odd', 'type: Invalid option: expected one of "http"|"sse"'],
        ],
      );
    });

    it('reports a "mcpServers" that is not an object', () => {
      assert.equal(parseServerMap(['x'], '.mcp.json').problems.length, 1);
    });

    it('takes a name from the highest scope, whole, and says which entry it hid', () => {
      const { entries, problems } = mergeServerSources([
        {
          scope: 'user',
          source: '~/.claude.json',
          servers: new Map([['github', { command: 'user-github' }]]),
        },
        {
          scope: 'project',
          source: '.mcp.json',
          servers: new Map([
            ['github', { command: 'project-github', env: { A: '1' } }],
            ['db', { command: 'db' }],
          ]),
        },
        {
          scope: 'local',
          source: '~/.claude.json (projects)',
          servers: new Map([['github', { command: 'local-github' }]]),
        },
      ]);
      assert.deepEqual(
        entries.map((entry) => [entry.name, entry.scope, entry.config]),
        [
          ['github', 'local', { command: 'local-github' }],
          ['db', 'project', { command: 'db' }],
        ],
      );
      assert.equal(problems.length, 2);
      assert.match(
        problems[0]?.message ?? '',
        /not used: ~\/\.claude\.json \(projects\) \(local\) has the same name/,
      );
    });

    it('keeps the built-in IDE server’s name for itself', () => {
      const ide: McpServerEntry = {
        name: 'ide',
        scope: 'builtin',
        source: 'Tandem',
        config: { type: 'in-process', trusted: true, connect: () => Promise.reject(new Error('unused')) },
      };
      const { entries, problems } = mergeServerSources(
        [{ scope: 'project', source: '.mcp.json', servers: new Map([['ide', { command: 'fake-ide' }]]) }],
        [ide],
      );
      assert.deepEqual(entries, [ide]);
      assert.match(problems[0]?.message ?? '', /built-in server/);
    });

    it('describes a transport without arguments, paths or credentials', () => {
      assert.equal(describeTransport({ command: 'npx', args: ['--token', 'secret'] }), 'stdio: npx');
      assert.equal(
        describeTransport({ type: 'http', url: 'https://user:pw@api.example.com/mcp?key=secret' }),
        'http: https://api.example.com',
      );
      assert.equal(describeTransport({ type: 'ws', url: '${WS_URL}' }), 'ws: ${WS_URL}');
    });
  });

  describe('tool names', () => {
    const cases: [string, string, string][] = [
      ['github', 'create_issue', 'mcp__github__create_issue'],
      ['my server', 'get.thing', 'mcp__my_server__get_thing'],
      ['ide', 'getDiagnostics', 'mcp__ide__getDiagnostics'],
      ['a-b', 'x/y:z', 'mcp__a-b__x_y_z'],
    ];
    for (const [server, tool, expected] of cases) {
      it(`names ${server} / ${tool} ${expected}`, () => assert.equal(mcpToolName(server, tool), expected));
    }

    it('cuts a name past 64 characters and keeps two long names apart', () => {
      const long = 'x'.repeat(80);
      const first = mcpToolName('server', `${long}_one`);
      const second = mcpToolName('server', `${long}_two`);
      assert.equal(first.length, 64);
      assert.notEqual(first, second);
      assert.match(first, /^mcp__server__x+_[0-9a-z]{7}$/);
    });
  });
});
