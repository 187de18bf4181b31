import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/garden/settings/config.ts';
import { GardenError } from '../../../src/garden/core/problems.ts';
import { xapiClientConfig, xapiConnectOrigin } from '../../../src/garden/settings/xapi.ts';
import { contentSecurityPolicy } from '../../../src/integrations/csp.ts';

/** The problems `parseConfig` reports for an `xapi` setting, as "file field: message (hint)", or the parsed setting. */
function check(xapi: unknown): string[] | object {
  try {
    return parseConfig({ xapi }, 'garden.config.ts', '/site').xapi!;
  } catch (err) {
    expect(err).toBeInstanceOf(GardenError);
    return (err as GardenError).problems.map((p) => `${p.file} ${p.field}: ${p.message}${p.hint ? ` (${p.hint})` : ''}`);
  }
}

describe('the xapi setting', () => {
  it('is absent by default', () => {
    expect(parseConfig({}, 'garden.config.ts', '/site').xapi).toBeUndefined();
  });

  it.each([
    ['a path of the site (a proxy adds the credential)', { endpoint: '/lrs/xapi' }, { endpoint: '/lrs/xapi/', actor: 'anonymous', readSeconds: 20, queueLimit: 500 }],
    ['an LRS with a statement key', { endpoint: 'https://lrs.example/xapi/', key: 'k', secret: 's', actor: 'ask' }, { endpoint: 'https://lrs.example/xapi/', key: 'k', secret: 's', actor: 'ask' }],
  ])('accepts %s', (_, input, expected) => {
    expect(check(input)).toMatchObject(expected);
  });

  it.each([
    ['no endpoint', { key: 'k', secret: 's' }, ['garden.config.ts xapi.endpoint: is required (add `endpoint:`)']],
    [
      'an endpoint that is neither an address nor a path',
      { endpoint: 'lrs.example/xapi' },
      ['garden.config.ts xapi.endpoint: expected the LRS\'s xAPI address ("https://lrs.example/xapi/") or a path of this host that forwards to it ("/lrs/xapi/"), got "lrs.example/xapi"'],
    ],
    ['a protocol-relative endpoint', { endpoint: '//lrs.example/xapi' }, [expect.stringContaining('xapi.endpoint: expected the LRS')]],
    ['an endpoint with a query', { endpoint: 'https://lrs.example/xapi?x=1', key: 'k', secret: 's' }, [expect.stringContaining('xapi.endpoint: the xAPI address takes no query')]],
    [
      'another host and no credential',
      { endpoint: 'https://lrs.example/xapi/' },
      [expect.stringMatching(/^garden.config.ts xapi.key: an LRS on another host needs a credential: give `key` and `secret` of a write-only statement key .* or point `endpoint` at a path/)],
    ],
    ['a key without its secret', { endpoint: 'https://lrs.example/xapi/', key: 'k' }, ['garden.config.ts xapi.secret: is required with `key`: give the secret of the statement key']],
    ['a secret without its key', { endpoint: '/lrs/', secret: 's' }, ['garden.config.ts xapi.key: is required with `secret`: give the key the secret belongs to']],
    ['a homePage that is not an address', { endpoint: '/lrs/', homePage: 'intranet' }, ['garden.config.ts xapi.homePage: expected an http(s) address, such as "https://intranet.example/learning/"']],
    ['an unknown actor', { endpoint: '/lrs/', actor: 'login' }, ['garden.config.ts xapi.actor: expected one of anonymous, ask, got "login"']],
    ['a misspelt key', { endpoint: '/lrs/', secrets: 's' }, ['garden.config.ts xapi.secrets: unknown field (did you mean "secret"?)']],
  ])('refuses %s, naming the file, the field and the fix', (_, input, expected) => {
    expect(check(input)).toEqual(expected);
  });
});

describe('what the build makes of it', () => {
  it.each([
    [undefined, undefined, "connect-src 'self'"],
    [{ endpoint: '/lrs/xapi/' }, undefined, "connect-src 'self'"],
    [{ endpoint: 'https://lrs.example:8443/data/xAPI/' }, 'https://lrs.example:8443', "connect-src 'self' https://lrs.example:8443"],
  ])('connect-src for %j: the LRS origin only when it is on another host', (xapi, origin, directive) => {
    expect(xapiConnectOrigin(xapi)).toBe(origin);
    const directives = contentSecurityPolicy(xapi).directives;
    expect(directives.filter((d) => d.startsWith('connect-src'))).toEqual([directive]);
    expect(directives.length).toBe(contentSecurityPolicy().directives.length);
  });

  it('gives the page the endpoint, the Basic credential (public) and the site', () => {
    const xapi = parseConfig({ xapi: { endpoint: 'https://lrs.example/xapi/', key: 'writer', secret: 'pw' } }, 'g.ts', '/').xapi!;
    expect(xapiClientConfig(xapi, 'https://intranet.example/', '/learning/')).toEqual({
      endpoint: 'https://lrs.example/xapi/',
      auth: `Basic ${btoa('writer:pw')}`,
      actor: 'anonymous',
      homePage: 'https://intranet.example/learning/',
      site: 'https://intranet.example/learning/',
      base: '/learning/',
      readSeconds: 20,
      queueLimit: 500,
    });
    const proxied = parseConfig({ xapi: { endpoint: '/lrs/', homePage: 'https://sso.example/' } }, 'g.ts', '/').xapi!;
    expect(xapiClientConfig(proxied, undefined, '/')).toEqual({ endpoint: '/lrs/', actor: 'anonymous', homePage: 'https://sso.example/', base: '/', readSeconds: 20, queueLimit: 500 });
  });
});
