/**
 * The layering rules `npm run lint` enforces (dependency-cruiser): the data flows one way, as in the
 * README's architecture section. The engine (src/garden) is plain TypeScript that knows nothing of
 * Astro's routes or the browser; the browser code does not reach into the engine's Node side; no
 * module imports one that imports it back.
 */
/**
 * The engine's stages, in the order the data flows (docs/architecture.md). A stage imports only from
 * the stages before it: settings are read before sources are fetched, content is parsed from the
 * sources, the model is built from the content, the policy judges what a page may hold, the renderer
 * turns a page into HTML under that policy, and the commands (check, report, new, codeowners) run them.
 */
const STAGES = ['core', 'settings', 'sources', 'content', 'model', 'policy', 'render', 'commands'];

/** One rule per stage: nothing in it imports a later stage. */
const stageRules = STAGES.slice(0, -1).map((stage, i) => ({
  name: `${stage}-comes-before-${STAGES.slice(i + 1).join('-')}`,
  severity: 'error',
  comment: `src/garden/${stage}/ is an earlier stage than ${STAGES.slice(i + 1).join(', ')}: it may not import them (move the shared piece down, or pass it in).`,
  from: { path: `^src/garden/${stage}/` },
  to: { path: `^src/garden/(${STAGES.slice(i + 1).join('|')})/` },
}));

/** Engine modules that also run in the browser: one definition of search facets, of a duration, of the kinds and of a callout for both. */
const SHARED_WITH_BROWSER = 'model/search|core/durations|core/kinds|render/callouts';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...stageRules,
    {
      name: 'engine-files-live-in-a-stage',
      severity: 'error',
      comment: `Every engine module belongs to one stage folder (${STAGES.join(', ')}); a loose file in src/garden/ has no place in the order.`,
      from: { path: '^src/garden/[^/]+$' },
      to: {},
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Two modules that import each other have no order: which one is the earlier stage?',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-is-below-the-site',
      severity: 'error',
      comment: 'src/garden is the engine: pages, components, layouts, browser code, the content loader and the integrations use it, never the other way.',
      from: { path: '^src/garden/' },
      to: { path: '^src/(pages|components|layouts|client|collections|integrations|bench)/' },
    },
    {
      name: 'browser-code-runs-in-the-browser',
      severity: 'error',
      comment: 'src/client is shipped to readers: it may not use Node, nor the engine (which reads files and runs git), except the engine modules it shares with the build.',
      from: { path: '^src/client/' },
      to: { pathNot: `^src/client/|^src/garden/(${SHARED_WITH_BROWSER})\\.ts$|^src/i18n/format\\.ts$|^node_modules/`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'ui-languages-are-a-leaf',
      severity: 'error',
      comment:
        'src/i18n (the UI catalogues and their formatting) is read by the settings, the layouts and the browser code alike: it imports nothing outside itself, so any of them may import it. The browser imports only format.ts: the page hands it its strings, no catalogue is bundled.',
      from: { path: '^src/i18n/' },
      to: { pathNot: '^src/i18n/|^node_modules/' },
    },
    {
      name: 'shared-with-the-browser-stays-pure',
      severity: 'error',
      comment: "The engine modules the browser code imports run in the reader's browser too: no Node built-ins, nothing else of the engine.",
      from: { path: `^src/garden/(${SHARED_WITH_BROWSER})\\.ts$` },
      to: { pathNot: `^src/garden/(${SHARED_WITH_BROWSER})\\.ts$|^node_modules/`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'commands-are-entry-points',
      severity: 'error',
      comment: 'scripts/ are thin command-line entry points: nothing in src may import them.',
      from: { path: '^src/' },
      to: { path: '^scripts/' },
    },
    {
      name: 'no-test-code-in-the-product',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^tests/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(dist|\\.grove|\\.astro|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
