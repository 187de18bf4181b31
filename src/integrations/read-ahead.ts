/**
 * Starts reading the garden's pages on a second thread as soon as Astro has its settings, for the
 * content loader to take (src/garden/content/read-ahead.ts): Astro and Vite then start on the main
 * thread while the pages are read beside them. Only for the commands that load the content
 * (`build`, `dev`, `sync`); `GROVE_READ_AHEAD=off` reads them on the main thread only.
 */
import type { AstroIntegration } from 'astro';
import { fileURLToPath } from 'node:url';
import { entryCacheFileOf } from '../garden/content/entry-cache.ts';
import { readAheadForNextLoad } from '../garden/content/read-ahead.ts';

export function readAhead(): AstroIntegration {
  return {
    name: 'grove:read-ahead',
    hooks: {
      'astro:config:setup': ({ command, config }) => {
        if (command === 'preview' || process.env.GROVE_READ_AHEAD === 'off') return;
        readAheadForNextLoad(entryCacheFileOf(fileURLToPath(config.cacheDir)));
      },
    },
  };
}
