/**
 * A small static file server for browser tests that need a site they can change while it is served
 * (the offline update test swaps in a rebuilt site). Serves `root` under `base` as the intranet
 * would: `index.html` for folders, 404.html for anything missing, text gzipped, no caching.
 */
import { createServer, type Server } from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** A running server: its URL (ending in the base path), the folder it serves (changeable), and stop(). */
export interface StaticServer {
  url: string;
  root: string;
  stop: () => Promise<void>;
}

/** Starts a server for `root` under `base` on a free port of localhost. */
export async function serveStatic(root: string, base: string): Promise<StaticServer> {
  const state = { root };
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const send = (status: number, file: string) => {
      const type = TYPES[extname(file)] ?? 'application/octet-stream';
      let body = readFileSync(file);
      const headers: Record<string, string> = { 'content-type': type, 'cache-control': 'no-cache' };
      // Text is compressed on the way, as intranet servers do; Pagefind's own files already are.
      if (/^(text\/|application\/json|image\/svg)/.test(type) && /\bgzip\b/.test(String(req.headers['accept-encoding']))) {
        body = gzipSync(body);
        headers['content-encoding'] = 'gzip';
      }
      res.writeHead(status, headers);
      res.end(body);
    };
    if (!path.startsWith(base)) return send(404, join(state.root, '404.html'));
    let file = normalize(join(state.root, path.slice(base.length)));
    if (!file.startsWith(normalize(state.root))) return send(404, join(state.root, '404.html'));
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return send(404, join(state.root, '404.html'));
    send(200, file);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${base}`,
    get root() {
      return state.root;
    },
    set root(r: string) {
      state.root = r;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
