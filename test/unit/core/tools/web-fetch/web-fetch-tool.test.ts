import { strict as assert } from 'node:assert';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fetcher, FetchResult } from '../../../../../src/core/ports';
import { normalizeFetchUrl, webFetchTool } from '../../../../../src/core/tools/web-fetch/web-fetch-tool';
import { NodeFetcher } from '../../../../../src/node/fetch/node-fetcher';
import { createToolContext, runTool } from '../../../../support/tool-context';

describe('normalizeFetchUrl', () => {
  const cases: [string, { url: string } | RegExp][] = [
    ['http://example.com/a?b=1', { url: 'https://example.com/a?b=1' }],
    ['https://example.com', { url: 'https://example.com/' }],
    ['http://localhost:3000/x', { url: 'http://localhost:3000/x' }],
    ['http://127.0.0.1:8080/', { url: 'http://127.0.0.1:8080/' }],
    ['http://[::1]:8080/', { url: 'http://[::1]:8080/' }],
    ['ftp://example.com/file', /Only http and https/],
    ['file:///etc/passwd', /Only http and https/],
    ['example.com', /not a valid URL/],
  ];
  for (const [input, expected] of cases) {
    it(`turns ${input} into ${expected instanceof RegExp ? 'an error' : expected.url}`, () => {
      const result = normalizeFetchUrl(input);
      if (expected instanceof RegExp) assert.match('error' in result ? result.error : '', expected);
      else assert.deepEqual(result, expected);
    });
  }
});

describe('WebFetch tool', () => {
  let server: Server;
  let base: string;

  before(async () => {
    server = createServer((request, response) => {
      if (request.url === '/docs') {
        response
          .writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
          .end('<h1>API</h1><p>Call <code>run()</code>.</p><script>x()</script>');
      } else if (request.url === '/old') {
        response.writeHead(301, { location: '/docs' }).end();
      } else if (request.url === '/elsewhere') {
        response.writeHead(302, { location: 'http://localhost:9/landing' }).end();
      } else if (request.url === '/huge') {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('y'.repeat(150_000));
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('no such page');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  const context = () => createToolContext({ fetcher: new NodeFetcher({ timeoutMs: 2_000 }) });

  it('returns an HTML page as Markdown with the prompt', async () => {
    const { result } = await runTool(
      webFetchTool,
      { url: `${base}/docs`, prompt: 'How do I run it?' },
      context(),
    );
    assert.equal(result.isError, false);
    assert.equal(
      result.content,
      `URL: ${base}/docs\nStatus: 200 (text/html; charset=utf-8)\nLooking for: How do I run it?\n\n# API\n\nCall \`run()\`.`,
    );
  });

  it('says where a redirect led', async () => {
    const { result } = await runTool(webFetchTool, { url: `${base}/old` }, context());
    assert.match(
      String(result.content),
      new RegExp(`^URL: ${base}/docs\\n.*\\nRedirected from ${base}/old\\.`),
    );
  });

  it('does not follow a redirect to another host but tells the model where it leads', async () => {
    const { result } = await runTool(webFetchTool, { url: `${base}/elsewhere` }, context());
    assert.equal(result.isError, false);
    assert.equal(
      result.content,
      `${base}/elsewhere redirects (status 302) to a different host: http://localhost:9/landing\nTo read it, call WebFetch again with that URL.`,
    );
  });

  it('cuts the text at 100,000 characters with a note', async () => {
    const { result } = await runTool(webFetchTool, { url: `${base}/huge` }, context());
    const content = String(result.content);
    assert.match(content, /\[… 50,000 characters cut …\] The page was cut at 100,000 characters\.$/);
    assert.ok(content.length < webFetchTool.maxResultChars);
  });

  it('marks an error status as an error result but shows the page', async () => {
    const { result } = await runTool(webFetchTool, { url: `${base}/missing` }, context());
    assert.equal(result.isError, true);
    assert.match(String(result.content), /Status: 404[\s\S]*no such page/);
  });

  it('returns fetch failures and bad URLs as error results', async () => {
    const refused = await runTool(webFetchTool, { url: 'http://127.0.0.1:1/' }, context());
    assert.equal(refused.result.isError, true);
    assert.match(String(refused.result.content), /^Could not fetch/);
    const bad = await runTool(webFetchTool, { url: 'ftp://example.com' }, context());
    assert.match(String(bad.result.content), /Only http and https/);
  });

  it('fetches the https form of a public http URL', async () => {
    let requested = '';
    const fetcher: Fetcher = {
      fetch: async (url): Promise<FetchResult> => {
        requested = url;
        return { url, status: 200, contentType: 'text/plain', body: 'ok', truncated: false };
      },
    };
    await runTool(webFetchTool, { url: 'http://example.com/page' }, createToolContext({ fetcher }));
    assert.equal(requested, 'https://example.com/page');
  });

  it('is read-only, concurrency-safe, and leaves permissions to the rules with the URL as target', async () => {
    const input = { url: 'http://example.com/a' };
    assert.equal(webFetchTool.isReadOnly(input), true);
    assert.equal(webFetchTool.isConcurrencySafe(input), true);
    assert.equal(webFetchTool.permissionTarget(input, context()), 'https://example.com/a');
    assert.deepEqual(await webFetchTool.checkPermissions(input, context()), { behavior: 'passthrough' });
  });
});
