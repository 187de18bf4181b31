/**
 * `npm run check [-- --format github] [-- --changed <git-ref>]`: validates every source without
 * building the site (src/garden/commands/content-check.ts). Exits 1 on errors, 0 with warnings only.
 */
import { checkContent, dialectLines, exitCodeOf, formatReport } from '../src/garden/commands/content-check.ts';
import { fail, optionsOf, run } from './cli.ts';

const USAGE = `npm run check [-- --format text|github] [-- --changed <git-ref>]

  --format github   print GitHub Actions annotations, so problems show on the pull request's diff
  --changed <ref>   check only pages changed since <ref> (e.g. origin/main) and the pages that refer to them`;

const values = optionsOf({ format: { type: 'string', default: 'text' }, changed: { type: 'string' } }, USAGE);
const format = values.format;
if (format !== 'text' && format !== 'github') fail(`--format: expected text or github, got "${format}"`, USAGE);

await run(async () => {
  const report = await checkContent({ changed: values.changed as string | undefined });
  if (format === 'text') for (const line of dialectLines(report)) console.log(line);
  // Exit once the report is written: process.exit right after a large write to a pipe cut the report
  // short (a vault's 1,500 warnings lost their summary line when `npm run real` read them).
  const code = exitCodeOf(report);
  process.stdout.write(`${formatReport(report, format)}\n`, () => process.exit(code));
});
