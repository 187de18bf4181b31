/**
 * The `xapi` setting (docs/lms.md, "xAPI from the site"): the garden sends xAPI statements about
 * lessons completed, knowledge-check questions answered and notes read to a Learning Record Store.
 * Off without it: no script, no request, nothing in the page. Here: the setting, how it is checked,
 * and what the build gives the page and the Content-Security-Policy.
 */
import { z } from 'zod';

/** How the reader is named in statements: an anonymous id kept by the browser, or a name and email they may give. */
export const XAPI_ACTORS = ['anonymous', 'ask'] as const;

const isHttp = (v: string) => {
  try {
    return ['http:', 'https:'].includes(new URL(v).protocol);
  } catch {
    return false;
  }
};

/** A path on the site's own host (a proxy that adds the credential): `/lrs/xapi/`, not `//host/…`. */
export const isSitePath = (v: string): boolean => /^\/(?!\/)[^\s?#]*$/.test(v);

export const XapiFields = z
  .strictObject({
    endpoint: z
      .string()
      .superRefine((v, ctx) => {
        if (isSitePath(v)) return;
        if (!isHttp(v)) {
          ctx.addIssue({
            code: 'custom',
            input: v,
            message: `expected the LRS's xAPI address ("https://lrs.example/xapi/") or a path of this host that forwards to it ("/lrs/xapi/"), got ${JSON.stringify(v)}`,
          });
        } else if (/[?#]/.test(v)) {
          ctx.addIssue({ code: 'custom', input: v, message: `the xAPI address takes no query or fragment (statements go to <endpoint>/statements), got ${JSON.stringify(v)}` });
        }
      })
      .transform((v) => (v.endsWith('/') ? v : `${v}/`))
      .meta({
        description:
          "The LRS's xAPI endpoint (`https://lrs.example/xapi/`), or a path of the site's own host that forwards to it and adds the credential (`/lrs/xapi/`, see docs/lms.md for nginx). Statements are POSTed to `<endpoint>statements`.",
      }),
    key: z
      .string()
      .min(1)
      .optional()
      .meta({ description: "The LRS's Basic-auth key. PUBLIC: it is in every page of the built site, so make it a key that may only write statements.", defaultText: 'none (a proxy adds it)' }),
    secret: z.string().min(1).optional().meta({ description: 'The secret of `key`, as public as it.', defaultText: 'none' }),
    actor: z.enum(XAPI_ACTORS).default('anonymous').meta({
      description:
        '`anonymous`: an id made up by each browser (an xAPI `account` under `homePage`); `ask`: the same, until the reader gives a name and email on /privacy/, which are then sent instead.',
    }),
    homePage: z
      .string()
      .refine(isHttp, { message: 'expected an http(s) address, such as "https://intranet.example/learning/"' })
      .optional()
      .meta({ description: 'The `homePage` of the anonymous accounts.', defaultText: "the garden's `site`, else the address the site is read at" }),
    lrsName: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'What the notice calls the LRS ("Fernhill\'s learning records"), in the site\'s language.', defaultText: '"the learning record store", in the site\'s language' }),
    readSeconds: z.number().int().min(0).max(3600).default(20).meta({ description: 'A note is "experienced" once the reader has seen its end and had it open this many seconds.' }),
    queueLimit: z.number().int().min(10).max(5000).default(500).meta({ description: 'Statements kept in the browser while they cannot be sent; beyond it the oldest are dropped.' }),
  })
  .superRefine((x, ctx) => {
    if (x.key !== undefined && x.secret === undefined) ctx.addIssue({ code: 'custom', path: ['secret'], message: 'is required with `key`: give the secret of the statement key' });
    if (x.secret !== undefined && x.key === undefined) ctx.addIssue({ code: 'custom', path: ['key'], message: 'is required with `secret`: give the key the secret belongs to' });
    if (x.key === undefined && x.secret === undefined && !isSitePath(x.endpoint) && isHttp(x.endpoint)) {
      ctx.addIssue({
        code: 'custom',
        path: ['key'],
        message:
          'an LRS on another host needs a credential: give `key` and `secret` of a write-only statement key (they are public in the built site), or point `endpoint` at a path of this host that forwards to the LRS and adds it ("/lrs/xapi/")',
      });
    }
  });

/** The validated setting. */
export type XapiSetting = z.output<typeof XapiFields>;

/** The origin the pages must be allowed to `fetch()` (`connect-src`): the LRS's, or none for a path of the site's host. */
export function xapiConnectOrigin(xapi: Pick<XapiSetting, 'endpoint'> | undefined): string | undefined {
  if (!xapi || isSitePath(xapi.endpoint)) return undefined;
  return new URL(xapi.endpoint).origin;
}

/** What the page's script is given (src/client/xapi.ts), in a JSON block. */
export interface XapiClientConfig {
  endpoint: string;
  /** `Basic …`, or absent when a proxy adds the credential. */
  auth?: string;
  actor: (typeof XAPI_ACTORS)[number];
  /** The anonymous accounts' homePage; absent: the site's address as the reader opened it. */
  homePage?: string;
  /** The site's address (activity ids are under it); absent: as the reader opened it. */
  site?: string;
  base: string;
  readSeconds: number;
  queueLimit: number;
}

/** The client's settings, from the garden's. */
export function xapiClientConfig(xapi: XapiSetting, site: string | undefined, base: string): XapiClientConfig {
  const siteUrl = site ? new URL(base, site).href : undefined;
  return {
    endpoint: xapi.endpoint,
    ...(xapi.key !== undefined ? { auth: `Basic ${Buffer.from(`${xapi.key}:${xapi.secret ?? ''}`).toString('base64')}` } : {}),
    actor: xapi.actor,
    ...((xapi.homePage ?? siteUrl) ? { homePage: xapi.homePage ?? siteUrl } : {}),
    ...(siteUrl ? { site: siteUrl } : {}),
    base,
    readSeconds: xapi.readSeconds,
    queueLimit: xapi.queueLimit,
  };
}
