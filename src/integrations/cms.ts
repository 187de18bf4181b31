/**
 * The CMS at `/admin/` (docs/cms.md), written after the build when the settings have `cms`: Decap
 * CMS's bundle copied from node_modules (served by the site itself, no other host), its `config.yml`
 * generated from the content schemas (src/garden/commands/cms-config.ts), and a page with its own
 * Content-Security-Policy. It runs after Pagefind and the service worker are built, so it is in
 * neither the search index nor the offline precache; content pages get nothing from it.
 */
import type { AstroIntegration } from 'astro';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GardenConfig } from '../garden/settings/config.ts';
import { cmsConfig, cmsConfigYaml, cmsSources, type CmsConfig } from '../garden/commands/cms-config.ts';
import { bundle } from './offline.ts';

/** The stylesheet of a page's body (callouts, embeds, broken links), for the preview. */
const PROSE_CSS = fileURLToPath(new URL('../styles/prose.css', import.meta.url));

/** The folder of the site the CMS is served from. */
export const ADMIN_DIR = 'admin';

/** Decap CMS's browser bundle (React included): the entry and the chunks and WebAssembly it loads from beside itself. */
export function decapFiles(): { dir: string; files: string[] } {
  const require = createRequire(import.meta.url);
  let dir: string;
  try {
    dir = join(dirname(require.resolve('decap-cms/package.json')), 'dist');
  } catch {
    throw new Error('the `cms` setting needs the decap-cms package: run `npm install` (it is in package.json)');
  }
  const files = readdirSync(dir).filter((f) => f === 'decap-cms.js' || /^\d+\.decap-cms\.js$/.test(f) || f.endsWith('.wasm'));
  return { dir, files };
}

/** The origin of an http(s) address (`https://api.github.com`). */
const originOf = (url: string) => new URL(url).origin;

/** The public API and sign-in hosts of each backend, when the settings name no `apiRoot`/`baseUrl`. */
const PUBLIC_HOSTS: Record<string, { api: string; auth: string; images: string[] }> = {
  github: { api: 'https://api.github.com', auth: 'https://api.netlify.com', images: ['https://avatars.githubusercontent.com'] },
  gitlab: { api: 'https://gitlab.com', auth: 'https://gitlab.com', images: ['https://gitlab.com', 'https://secure.gravatar.com'] },
  forgejo: { api: 'https://codeberg.org', auth: 'https://codeberg.org', images: ['https://codeberg.org'] },
  gitea: { api: 'https://try.gitea.io', auth: 'https://try.gitea.io', images: ['https://try.gitea.io'] },
};

/**
 * The admin page's policy: what Decap CMS needs and no more, on this page only. Scripts from the
 * site alone (`'unsafe-eval'`: its schema validator, ajv, compiles the configuration's schema with
 * `new Function`); inline styles (its components style themselves at run time); requests to the site,
 * the git host's API and sign-in server (and the local `decap-server` under `npm run cms`); images
 * from the site, the host's avatars and the editor's own uploads (`blob:`).
 */
export function adminPolicy(config: CmsConfig): string {
  const backend = config.backend as { name: string; api_root?: string; base_url?: string };
  const pub = PUBLIC_HOSTS[backend.name]!;
  const api = backend.api_root ? originOf(backend.api_root) : pub.api;
  const auth = backend.base_url ? originOf(backend.base_url) : pub.auth;
  const connect = new Set(["'self'", api, auth, ...(config.local_backend ? [originOf(config.local_backend.url)] : [])]);
  const images = new Set(["'self'", 'data:', 'blob:', api, ...(backend.api_root ? [] : pub.images)]);
  return [
    "default-src 'self'",
    "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
    "style-src 'self' 'unsafe-inline'",
    `img-src ${[...images].join(' ')}`,
    `connect-src ${[...connect].join(' ')}`,
    "font-src 'self' data:",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/** The admin page: the policy, the configuration's address, the bundle; and the sources it does not edit. */
export function adminPage(garden: GardenConfig, config: CmsConfig): string {
  const { readOnly } = cmsSources(garden);
  const others = readOnly.map((s) => `<li>${escape(s.name)}${s.repo ? `: ${escape(s.repo)}` : ''}</li>`).join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="content-security-policy" content="${escape(adminPolicy(config))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Edit · ${escape(garden.title)}</title>
<link href="config.yml" type="text/yaml" rel="cms-config-url">
</head>
<body data-pagefind-ignore="all">
${others ? `<!-- Not edited here (other repositories; contribute there): -->\n<template id="grove-read-only"><ul>${others}</ul></template>\n` : ''}<script src="decap-cms.js"></script>
<script src="grove-cms.js"></script>
</body>
</html>
`;
}

/**
 * Grove's script for the admin page (src/client/cms.ts, bundled with Vite): the file format that saves
 * only what changed, and the preview in the site's stylesheets `styles`, with callouts and wikilinks.
 */
export async function adminScript(styles: readonly string[], base: string): Promise<string> {
  return `var GROVE_STYLES = ${JSON.stringify(styles)};\n${await bundle('src/client/cms.ts', base, 'iife')}`;
}

/** Writes `admin/` into `dist`: the page, `config.yml`, Decap's bundle and Grove's script. */
export async function writeAdmin(dist: string, garden: GardenConfig, localBackend = process.env.GROVE_CMS_LOCAL): Promise<{ files: number } | undefined> {
  const config = cmsConfig(garden, { localBackend });
  if (!config) return undefined;
  const out = join(dist, ADMIN_DIR);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  const { dir, files } = decapFiles();
  for (const f of files) copyFileSync(join(dir, f), join(out, f));
  writeFileSync(join(out, 'config.yml'), cmsConfigYaml(config));
  // The preview pane in the site's own stylesheets (Decap loads them into the preview frame): the
  // bundled ones, and the page body's (callouts, broken links), which Astro inlines into content pages.
  const assets = join(dist, '_astro');
  const base = garden.base.endsWith('/') ? garden.base : `${garden.base}/`;
  copyFileSync(PROSE_CSS, join(out, 'prose.css'));
  const styles = [
    ...(existsSync(assets)
      ? readdirSync(assets)
          .filter((f) => f.endsWith('.css'))
          .map((f) => `${base}_astro/${f}`)
      : []),
    `${base}${ADMIN_DIR}/prose.css`,
  ];
  writeFileSync(join(out, 'grove-cms.js'), await adminScript(styles, base));
  writeFileSync(join(out, 'index.html'), adminPage(garden, config));
  return { files: files.length + 4 };
}

/** The Astro integration: writes `/admin/` after the search index and the service worker. */
export function cmsAdmin(garden: GardenConfig): AstroIntegration {
  return {
    name: 'grove:cms',
    hooks: {
      'astro:build:done': async ({ dir, logger }) => {
        const dist = fileURLToPath(dir);
        const r = await writeAdmin(dist, garden);
        if (r) logger.info(`CMS at /${ADMIN_DIR}/: ${r.files} files${process.env.GROVE_CMS_LOCAL ? `, editing the local repository through ${process.env.GROVE_CMS_LOCAL}` : ''}`);
      },
    },
  };
}
