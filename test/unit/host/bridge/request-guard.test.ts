import { strict as assert } from 'node:assert';
import { bearerToken, guardRequest, sameSecret } from '../../../../src/host/bridge/request-guard';

describe('request guard', () => {
  const expected = { port: 4242, token: 'right-token' };
  const cases: [
    name: string,
    headers: Record<string, string>,
    credential: string | undefined,
    status: number | undefined,
  ][] = [
    ['the right token from loopback', { host: '127.0.0.1:4242' }, 'right-token', undefined],
    ['localhost by name', { host: 'localhost:4242' }, 'right-token', undefined],
    ['no token', { host: '127.0.0.1:4242' }, undefined, 401],
    ['a wrong token', { host: '127.0.0.1:4242' }, 'wrong-token', 401],
    ['a prefix of the token', { host: '127.0.0.1:4242' }, 'right', 401],
    ['a browser origin', { host: '127.0.0.1:4242', origin: 'http://localhost:3000' }, 'right-token', 403],
    ['a rebound host name', { host: 'attacker.example:4242' }, 'right-token', 403],
    ['another port', { host: '127.0.0.1:9999' }, 'right-token', 403],
    ['no host', {}, 'right-token', 403],
  ];
  for (const [name, headers, credential, status] of cases) {
    it(`${status === undefined ? 'lets in' : `refuses with ${status}`} ${name}`, () => {
      const verdict = guardRequest(headers, { ...expected, credential });
      assert.equal(verdict.ok ? undefined : verdict.status, status);
    });
  }

  it('reads a bearer token and nothing else', () => {
    assert.equal(bearerToken({ authorization: 'Bearer abc' }), 'abc');
    assert.equal(bearerToken({ authorization: 'bearer abc' }), 'abc');
    assert.equal(bearerToken({ authorization: 'Basic abc' }), undefined);
    assert.equal(bearerToken({}), undefined);
  });

  it('compares secrets exactly', () => {
    assert.equal(sameSecret('abc', 'abc'), true);
    assert.equal(sameSecret('abc', 'abd'), false);
    assert.equal(sameSecret('', 'abc'), false);
  });
});
