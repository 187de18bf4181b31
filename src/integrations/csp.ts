/**
 * Grove's Content-Security-Policy: the second wall behind the sanitizer (DESIGN.md, "Trust"). Astro
 * writes it into every page as `<meta http-equiv="content-security-policy">` (`security.csp`), adding
 * `'self'` and the hash of every script and stylesheet it bundled or inlined, and of the few inline
 * scripts Grove writes itself (src/layouts/inline-scripts.ts); `cspTrim` (a middleware) then keeps,
 * as each page is rendered, the hashes of what that page has inline. No `'unsafe-inline'` for scripts:
 * markup that slips past the sanitizer cannot run.
 *
 * What a `<meta>` cannot carry (`frame-ancestors`) and the policy for SVG files are HTTP headers:
 * `HEADER_POLICY` and `SVG_POLICY` below, which docs/deploying.md gives for nginx and Apache.
 */
import type { AstroIntegration } from 'astro';
import { createHash } from 'node:crypto';
import { addTiming } from '../garden/core/timings.ts';
import { INLINE_SCRIPTS } from '../layouts/inline-scripts.ts';
import { xapiConnectOrigin, type XapiSetting } from '../garden/settings/xapi.ts';

/**
 * The directives besides `script-src` and `style-src` (Astro writes those). Each names the one
 * thing Grove needs, so nothing on a page can reach another host (DESIGN.md: "no request to any other host").
 */
export const CSP_DIRECTIVES = [
  // Everything not named below: this site only (fonts, manifests, media, frames, workers).
  "default-src 'self'",
  // Images from the site; `data:` for images a page or the browser writes inline (small SVG icons in content).
  "img-src 'self' data:",
  // fetch(): Pagefind's index, map.json, the service worker's page refreshes. All on this site (and
  // the LRS, only with the `xapi` setting: directivesFor below).
  "connect-src 'self'",
  // No plugins: `<object>` and `<embed>` are a way round script-src.
  "object-src 'none'",
  // Grove writes no `<base>`: an injected one could redirect every relative URL of the page.
  "base-uri 'none'",
  // The only form that submits is search, a GET to this site's /search/.
  "form-action 'self'",
] as const;

/**
 * Sources allowed for scripts, besides the hashes Astro adds. `'wasm-unsafe-eval'` lets Pagefind
 * compile its WebAssembly (in its worker, and on the main thread when the worker fails); it allows no
 * `eval()` of JavaScript.
 */
export const SCRIPT_SOURCES = ["'self'", "'wasm-unsafe-eval'"] as const;

/**
 * Styles: stylesheets and `<style>` elements get Astro's default, `'self'` and its hashes. Style
 * *attributes* (`style-src-attr`) are allowed inline: Shiki colours code with
 * `style="color:…;--shiki-dark:…"` on every token, a few layouts and trusted pages set a margin or
 * `display` inline, and a style attribute cannot run script. It is scoped to attributes on purpose: an
 * `'unsafe-inline'` in `style-src` itself would be ignored next to Astro's hashes, and would let an
 * injected `<style>` element restyle the page (CSS can read attribute values out through selectors).
 */
export const STYLE_ATTRIBUTE_SOURCES = ["'unsafe-inline'"] as const;

/**
 * The directives with what the settings add: the LRS's origin in `connect-src` when the `xapi`
 * setting names one on another host (docs/lms.md); nothing when it is a path of the site's host or absent.
 */
export function directivesFor(xapi?: Pick<XapiSetting, 'endpoint'>): Array<(typeof CSP_DIRECTIVES)[number] | `connect-src ${string}`> {
  const lrs = xapiConnectOrigin(xapi);
  return CSP_DIRECTIVES.map((d) => (lrs && d === "connect-src 'self'" ? (`connect-src 'self' ${lrs}` as const) : d));
}

/** What `astro.config.mjs` gives `security.csp`. */
export function contentSecurityPolicy(xapi?: Pick<XapiSetting, 'endpoint'>) {
  return {
    algorithm: 'SHA-256' as const,
    directives: directivesFor(xapi),
    // Grove's own inline scripts, on every page's list; trimPolicy keeps those a page has. (Astro's
    // Astro.csp.insertScriptHash() from a component misses the <meta> when the component renders
    // after the <head>, as every component in the body does.)
    scriptDirective: { resources: [...SCRIPT_SOURCES], hashes: Object.values(INLINE_SCRIPTS).map(cspHash) },
    styleDirective: { resources: STYLE_ATTRIBUTE_SOURCES.map((resource) => ({ resource, kind: 'attribute' as const })) },
  };
}

/**
 * The `Content-Security-Policy` header for every response of the site (docs/deploying.md). It adds
 * what a `<meta>` cannot carry, `frame-ancestors` (no other site may frame these pages), and repeats
 * the directives that restrict no script. Browsers enforce a header and a `<meta>` policy both, so
 * the header must not narrow scripts or styles: a `default-src` or `script-src` here would refuse the
 * inline scripts each page's `<meta>` allows by hash.
 */
export const HEADER_POLICY = "frame-ancestors 'none'; object-src 'none'; base-uri 'none'; form-action 'self'";

/**
 * The header for SVG files (the favicon, drawings in content): an SVG opened on its own is a
 * document that can run script on the site's origin. Nothing runs or loads but its own styles and
 * images, in a sandbox (an opaque origin).
 */
export const SVG_POLICY = "default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'; sandbox";

/** An inline `<script>` or `<style>` of a page, with the text the browser hashes. */
export interface InlineBlock {
  tag: 'script' | 'style';
  /** The element's text, exactly as between its tags (what CSP hashes). */
  text: string;
  /** `sha256-…` of `text`. */
  hash: string;
}

/**
 * Script types the browser runs, so the policy must allow them inline: classic (no type, or a
 * JavaScript MIME type), `module`, `importmap` and `speculationrules`. Data blocks
 * (`application/json`, `application/ld+json`) are never run and need no hash.
 */
const EXECUTABLE = /^(?:|module|importmap|speculationrules|(?:text|application)\/(?:x-)?(?:java|ecma)script)$/i;

const SCRIPT_OR_STYLE = /<(script|style)\b([^>]*)>([\s\S]*?)<\/\1\s*>/gi;

/** SHA-256 of an inline element's text as a CSP hash source (`sha256-…`, base64). */
export function cspHash(text: string): `sha256-${string}` {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}

/**
 * `cspHash` of text that holds a page's bytes one per character (a `latin1` reading of UTF-8), so the
 * hash is the hash of those bytes; remembered, as most inline blocks are on every page.
 */
const byteHashes = new Map<string, `sha256-${string}`>();
function cspHashOfBytes(text: string): `sha256-${string}` {
  let hash = byteHashes.get(text);
  if (!hash) {
    hash = `sha256-${createHash('sha256').update(text, 'latin1').digest('base64')}`;
    // A site's inline blocks are a few dozen; a garden of pages that each inline their own never fills memory.
    if (byteHashes.size >= 10_000) byteHashes.clear();
    byteHashes.set(text, hash);
  }
  return hash;
}

/** The inline scripts (executable ones only) and `<style>` elements of an HTML page, in order. */
export function inlineBlocksOf(html: string, hash: (text: string) => `sha256-${string}` = cspHash): InlineBlock[] {
  const out: InlineBlock[] = [];
  for (const m of html.matchAll(SCRIPT_OR_STYLE)) {
    const tag = m[1]!.toLowerCase() as 'script' | 'style';
    const attrs = m[2]!;
    if (tag === 'script') {
      if (/\ssrc\s*=/i.test(attrs)) continue;
      const type = /\stype\s*=\s*["']?([^"'\s>]*)/i.exec(attrs)?.[1] ?? '';
      if (!EXECUTABLE.test(type.trim())) continue;
    }
    out.push({ tag, text: m[3]!, hash: hash(m[3]!) });
  }
  return out;
}

const META = /<meta http-equiv="content-security-policy" content="([^"]*)">/i;

/** The page's policy from its `<meta>`, as directive name → sources; undefined when it has none. */
export function policyOf(html: string): Map<string, string[]> | undefined {
  const content = META.exec(html)?.[1];
  if (content === undefined) return undefined;
  const policy = new Map<string, string[]>();
  for (const d of content.split(';')) {
    const [name, ...sources] = d.trim().split(/\s+/);
    if (name && !policy.has(name.toLowerCase())) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

/** What `trimPolicy` did to one page. */
export interface TrimResult {
  html: string;
  /** Hashes dropped: they matched no inline element of this page. */
  removed: number;
  /** Inline elements the policy does not allow: the browser will refuse them. */
  blocked: InlineBlock[];
}

/**
 * Astro lists in every page the hash of every script and stylesheet it bundled for the whole site
 * (14 hashes, 1 KB of each page on the sample garden), though files from the site are allowed by
 * `'self'` already and a hash only ever allows an inline element. This keeps the hashes that match
 * an inline `<script>` or `<style>` of this page and drops the rest. It only removes: an inline
 * element Astro did not allow stays refused, and is reported in `blocked`.
 */
export function trimPolicy(html: string, hash: (text: string) => `sha256-${string}` = cspHash): TrimResult {
  const meta = META.exec(html);
  if (!meta) return { html, removed: 0, blocked: [] };
  const blocks = inlineBlocksOf(html, hash);
  const present = new Set(blocks.map((b) => `'${b.hash}'`));
  let removed = 0;
  const directives = meta[1]!.split(';').map((d) => {
    const [name, ...sources] = d.trim().split(/\s+/);
    if (!name) return '';
    const kept = sources.filter((s) => !/^'sha(?:256|384|512)-/.test(s) || present.has(s));
    removed += sources.length - kept.length;
    return [name, ...kept].join(' ');
  });
  const content = directives.filter(Boolean).join('; ');
  const out = html.slice(0, meta.index) + `<meta http-equiv="content-security-policy" content="${content}">` + html.slice(meta.index + meta[0].length);
  const policy = policyOf(out)!;
  const allowed = (tag: InlineBlock['tag']) => new Set(policy.get(`${tag}-src-elem`) ?? policy.get(`${tag}-src`) ?? policy.get('default-src') ?? []);
  const scripts = allowed('script');
  const styles = allowed('style');
  const blocked = blocks.filter((b) => !(b.tag === 'script' ? scripts : styles).has(`'${b.hash}'`) && !(b.tag === 'script' ? scripts : styles).has("'unsafe-inline'"));
  return { html: out, removed, blocked };
}

/**
 * `trimPolicy` of a page's bytes (UTF-8), without decoding them: read as `latin1`, one character a
 * byte, the page is what the patterns look for (all ASCII) and each inline block's text is the bytes
 * the browser hashes; written back the same way, every byte the trim did not touch is as it was. At
 * 10,000 pages this saves decoding and encoding 330 MB of HTML (about 2 s of a build).
 */
export function trimPolicyOfBytes(bytes: Uint8Array): { bytes: Buffer; removed: number; blocked: InlineBlock[] } {
  const r = trimPolicy(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), cspHashOfBytes);
  // The text of a refused block as the page has it, for the warning that quotes it.
  const blocked = r.blocked.map((b) => ({ ...b, text: Buffer.from(b.text, 'latin1').toString('utf8') }));
  return { bytes: Buffer.from(r.html, 'latin1'), removed: r.removed, blocked };
}

/** What the trim did over a whole build, gathered page by page as Astro renders them. */
export interface CspReport {
  pages: number;
  removed: number;
  /** Inline elements the policy refuses: the page, the element and the start of its text. */
  blocked: Array<{ page: string; tag: string; start: string }>;
  ms: number;
}

// On globalThis: the middleware runs in Astro's prerender module graph, the integration in the config's.
const KEY = Symbol.for('grove.csp');

function report(): CspReport {
  const g = globalThis as Record<symbol, CspReport>;
  return (g[KEY] ??= { pages: 0, removed: 0, blocked: [], ms: 0 });
}

/** Adds one page's trim to this build's report (called by ./csp-middleware.ts). */
export function recordTrim(page: string, r: Pick<TrimResult, 'removed' | 'blocked'>, ms: number): void {
  const t = report();
  t.pages++;
  t.removed += r.removed;
  t.ms += ms;
  for (const b of r.blocked) t.blocked.push({ page, tag: b.tag, start: b.text.trim().slice(0, 60) });
}

/**
 * The Astro integration: adds the middleware that trims every page's policy to the hashes it uses
 * (./csp-middleware.ts) and, after the build, reports it and warns, naming the page, about any inline
 * script or style the policy refuses (in content from a trusted source: it will not run).
 */
export function cspTrim(): AstroIntegration {
  return {
    name: 'grove:csp',
    hooks: {
      'astro:config:setup': ({ addMiddleware }) => {
        addMiddleware({ entrypoint: new URL('./csp-middleware.ts', import.meta.url), order: 'post' });
      },
      'astro:build:start': () => {
        (globalThis as Record<symbol, CspReport | undefined>)[KEY] = undefined;
      },
      'astro:build:done': ({ logger }) => {
        const r = report();
        addTiming('csp', r.ms);
        for (const b of r.blocked.slice(0, 20)) logger.warn(`${b.page}: an inline <${b.tag}> the Content-Security-Policy refuses (it will not run): ${JSON.stringify(b.start)}`);
        if (r.blocked.length > 20) logger.warn(`… and ${r.blocked.length - 20} more inline elements the policy refuses`);
        logger.info(`policy of ${r.pages} rendered pages trimmed to the inline hashes each uses: ${r.removed} unused hashes removed in ${(r.ms / 1000).toFixed(2)} s`);
      },
    },
  };
}
