/**
 * `npm run cms [-- --port 4321 --proxy-port 8081]`: edits the garden in the browser against the
 * local repository (docs/cms.md). Builds the site with the CMS at /admin/ pointed at a local
 * `decap-server` (Decap CMS's proxy, which reads and writes the working tree: nothing is pushed,
 * no sign-in), starts that proxy on the repository of the first folder source, and serves the site.
 * Works without the `cms` setting (the CMS is then built for local editing only). Saved pages are
 * files in the working tree, to review and commit as usual; run it again to see them in the site.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/garden/settings/config.ts';
import { GardenError } from '../src/garden/core/problems.ts';
import { cmsSources, gitRootOf } from '../src/garden/commands/cms-config.ts';

const { values } = parseArgs({ options: { port: { type: 'string', default: '4321' }, 'proxy-port': { type: 'string', default: '8081' }, help: { type: 'boolean', short: 'h' } } });
if (values.help) {
  console.log('npm run cms [-- --port 4321 --proxy-port 8081]   build the site with its CMS at /admin/ and edit the local repository through it');
  process.exit(0);
}
const root = join(import.meta.dirname, '..');
let config;
try {
  config = await loadConfig();
} catch (err) {
  if (!(err instanceof GardenError)) throw err;
  console.error(err.message);
  process.exit(1);
}
const source = cmsSources(config).editable[0];
if (!source) {
  console.error(`${config.file}: no folder source (\`path\`, garden layout) for the CMS to edit; give one in \`sources\``);
  process.exit(1);
}
const repo = gitRootOf(source.dir) ?? config.root;
const proxy = `http://localhost:${values['proxy-port']}/api/v1`;
const astro = join(root, 'node_modules/astro/bin/astro.mjs');
const env = { ...process.env, GROVE_CMS_LOCAL: proxy };
console.log(`Building the site with its CMS (edits go to ${repo})…`);
const build = spawnSync(process.execPath, [astro, 'build'], { stdio: 'inherit', env });
if (build.status !== 0) process.exit(build.status ?? 1);

const children: ChildProcess[] = [
  // `fs` mode: saves are files in the working tree (Decap's editorial workflow needs a branch per entry, which `git` mode would check out in the author's tree).
  spawn(process.execPath, [join(root, 'node_modules/decap-server/dist/index.js')], {
    stdio: 'inherit',
    env: { ...env, PORT: values['proxy-port'], BIND_HOST: 'localhost', MODE: 'fs', GIT_REPO_DIRECTORY: repo },
  }),
  spawn(process.execPath, [astro, 'preview', '--port', values.port!, '--ignore-lock'], { stdio: 'inherit', env }),
];
console.log(`\nThe CMS: http://localhost:${values.port}${config.base}admin/  (Ctrl-C stops both servers)\n`);
const stop = () => {
  for (const c of children) c.kill();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const c of children) c.on('exit', (code) => code && stop());
