/**
 * `npm run check [-- --format github] [-- --changed <git-ref>]`: validates every source without
 * building the site (src/garden/content-check.ts). Exits 1 on errors, 0 with warnings only.
 */
import { parseArgs } from 'node:util';
import { checkContent, exitCodeOf, formatReport } from '../src/garden/content-check.ts';
import { GardenError } from '../src/garden/problems.ts';

const USAGE = `npm run check [-- --format text|github] [-- --changed <git-ref>]

  --format github   print GitHub Actions annotations, so problems show on the pull request's diff
  --changed <ref>   check only pages changed since <ref> (e.g. origin/main) and the pages that refer to them`;

let values: { format?: string; changed?: string; help?: boolean };
try {
  ({ values } = parseArgs({ options: { format: { type: 'string', default: 'text' }, changed: { type: 'string' }, help: { type: 'boolean', short: 'h' } } }));
} catch (err) {
  console.error(`${(err as Error).message}\n\n${USAGE}`);
  process.exit(2);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (values.format !== 'text' && values.format !== 'github') {
  console.error(`--format: expected text or github, got "${values.format}"\n\n${USAGE}`);
  process.exit(2);
}
try {
  const report = await checkContent({ changed: values.changed });
  console.log(formatReport(report, values.format));
  process.exit(exitCodeOf(report));
} catch (err) {
  if (err instanceof GardenError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
