import { strict as assert } from 'node:assert';
import type { Server } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { NodeFetcher } from '../../../../src/node/fetch/node-fetcher';

describe('NodeFetcher', () => {
  let server: Server;
  let base: string;
  const fetcher = new NodeFetcher({ timeoutMs: 2_000 });
  const get = (path: string, maxBytes = 100_000, signal = new AbortController().signal) =>
    fetcher.fetch(`${base}${path}`, { signal, maxBytes });

  before(async () => {
    server = createServer((request, response) => {
      const url = request.url ?? '/';
      const hops = /^\/hop\/(\d+)$/.exec(url);
      if (hops) {
        const left = Number(hops[1]);
        response.writeHead(302, { location: left === 0 ? '/text' : `/hop/${left - 1}` }).end();
      } else if (url === '/text') {
        response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('plain text ✓');
      } else if (url === '/page') {
        response
          .writeHead(200, { 'content-type': 'text/html' })
          .end(
            '<html><head><title>x</title><script>evil()</script></head><body><h1>Title</h1><p>Hello <a href="/a">there</a></p></body></html>',
          );
      } else if (url === '/big') {
        response.writeHead(200, { 'content-type': 'text/plain' });
        for (let i = 0; i < 100; i++) response.write('x'.repeat(1_000));
        response.end();
      } else if (url === '/image') {
        response.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
      } else if (url === '/other-host') {
        response.writeHead(302, { location: 'http://localhost:9/x' }).end();
      } else if (url === '/to-ftp') {
        response.writeHead(301, { location: 'ftp://example.com/file' }).end();
      } else if (url === '/slow') {
        setTimeout(() => response.writeHead(200).end('late'), 5_000).unref();
      } else {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    server.closeAllConnections();
    server.close();
  });

  it('fetches a text body and its content type', async () => {
    const result = await get('/text');
    assert.deepEqual(result, {
      url: `${base}/text`,
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: 'plain text ✓',
      truncated: false,
    });
  });

  it('follows redirects and reports the final URL', async () => {
    const result = await get('/hop/4');
    assert.equal(result.url, `${base}/text`);
    assert.equal(result.body, 'plain text ✓');
  });

  it('gives up after five redirects', async () => {
    const result = await get('/hop/5');
    assert.match(result.error ?? '', /Too many redirects/);
  });

  it('stops at a redirect to another host in same-host mode and says where it leads', async () => {
    const result = await fetcher.fetch(`${base}/other-host`, {
      signal: new AbortController().signal,
      maxBytes: 100,
      redirects: 'same-host',
    });
    assert.deepEqual(result, {
      url: `${base}/other-host`,
      status: 302,
      contentType: '',
      body: '',
      truncated: false,
      redirect: 'http://localhost:9/x',
    });
    const sameHost = await fetcher.fetch(`${base}/hop/1`, {
      signal: new AbortController().signal,
      maxBytes: 100,
      redirects: 'same-host',
    });
    assert.equal(sameHost.body, 'plain text ✓');
  });

  it('converts HTML to Markdown without scripts', async () => {
    const result = await get('/page');
    assert.equal(result.markdown, '# Title\n\nHello [there](/a)');
    assert.match(result.body, /<h1>/);
  });

  it('stops reading at the size cap and marks the body truncated', async () => {
    const capped = await get('/big', 2_500);
    assert.equal(capped.body.length, 2_500);
    assert.equal(capped.truncated, true);
    const exact = await get('/big', 100_000);
    assert.equal(exact.body.length, 100_000);
    assert.equal(exact.truncated, false);
  });

  it('returns the status of an error page with its body', async () => {
    const result = await get('/missing');
    assert.equal(result.status, 404);
    assert.equal(result.body, 'not here');
  });

  it('refuses schemes other than http and https, also after a redirect', async () => {
    const direct = await fetcher.fetch('file:///etc/passwd', {
      signal: new AbortController().signal,
      maxBytes: 100,
    });
    assert.match(direct.error ?? '', /Only http and https/);
    const redirected = await get('/to-ftp');
    assert.match(redirected.error ?? '', /not ftp/);
    assert.equal(redirected.body, '');
  });

  it('reports binary content as an error value', async () => {
    assert.match((await get('/image')).error ?? '', /image\/png/);
  });

  it('times out and aborts as error values', async function () {
    this.timeout(5_000);
    const quick = new NodeFetcher({ timeoutMs: 200 });
    const timedOut = await quick.fetch(`${base}/slow`, {
      signal: new AbortController().signal,
      maxBytes: 100,
    });
    assert.match(timedOut.error ?? '', /timed out after 200 ms/);
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    assert.match((await get('/slow', 100, controller.signal)).error ?? '', /aborted/);
  });

  it('reports a refused connection as an error value', async () => {
    const result = await fetcher.fetch('http://127.0.0.1:1/', {
      signal: new AbortController().signal,
      maxBytes: 100,
    });
    assert.match(result.error ?? '', /request failed/);
  });
});
