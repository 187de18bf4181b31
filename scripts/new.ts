/**
 * `npm run new -- <kind> "<title>" [--topic t] [--course c] [--source s]`: writes a new page from its
 * template (src/garden/commands/scaffold.ts). In a terminal it asks for what is missing; it never replaces a file.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/garden/settings/config.ts';
import { GardenError } from '../src/garden/core/problems.ts';
import { formatProblems, isKind, nextSteps, planPage, writePage, type NewPage } from '../src/garden/commands/scaffold.ts';
import { KINDS } from '../src/garden/content/schemas.ts';

const USAGE = `npm run new -- <kind> "<title>" [--topic <id>] [--course <id>] [--source <name>]

  kind       ${KINDS.join(', ')}
  --topic    a topic id to put the page on (a person's expertise)
  --course   the course a lesson belongs to, or the first course of a path
  --source   the source to write into (default: the first local folder)

Examples:
  npm run new -- note "Rebase safely" --topic git
  npm run new -- lesson "Undoing mistakes" --course git-foundations`;

function usage(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

let parsed: ReturnType<
  typeof parseArgs<{ options: { topic: { type: 'string' }; course: { type: 'string' }; source: { type: 'string' }; help: { type: 'boolean'; short: 'h' } }; allowPositionals: true }>
>;
try {
  parsed = parseArgs({ options: { topic: { type: 'string' }, course: { type: 'string' }, source: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
} catch (err) {
  usage((err as Error).message);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length > 2) usage(`too many words: put the title in quotes ("${positionals.slice(1).join(' ')}")`);

// In a terminal, ask for what is missing; elsewhere (CI, scripts), say what is missing and stop.
const tty = process.stdin.isTTY === true;
const rl = tty ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
async function ask(question: string, required: boolean): Promise<string | undefined> {
  if (!rl) return undefined;
  for (;;) {
    const answer = (await rl.question(question)).trim();
    if (answer || !required) return answer || undefined;
  }
}

try {
  let kind = positionals[0];
  if (!kind) kind = await ask(`Kind of page (${KINDS.join(', ')}): `, true);
  if (!kind) usage('say which kind of page to create');
  if (!isKind(kind)) usage(`"${kind}" is not a kind of page: use one of ${KINDS.join(', ')}`);
  const title = positionals[1] ?? (await ask(kind === 'person' ? 'Their name: ' : 'Title: ', true));
  if (!title) usage(`give the ${kind === 'person' ? 'name' : 'title'}: npm run new -- ${kind} "<${kind === 'person' ? 'name' : 'title'}>"`);
  const req: NewPage = { kind, title, topic: values.topic, course: values.course, source: values.source };
  if ((kind === 'lesson' || kind === 'path') && !req.course) req.course = await ask(kind === 'lesson' ? 'Course id it belongs to: ' : 'First course id: ', true);
  if ((kind === 'note' || kind === 'person') && !req.topic && tty) req.topic = await ask(kind === 'note' ? 'Topic id (Enter to skip): ' : 'A topic id they know well (Enter to skip): ', false);
  rl?.close();
  const config = await loadConfig();
  const plan = planPage(config, req);
  if (!plan.ok) {
    console.error(`Nothing was written:\n${formatProblems(plan.problems)}`);
    process.exit(1);
  }
  const failed = writePage(plan.page);
  if (failed) {
    console.error(`Nothing was written:\n${formatProblems([failed])}`);
    process.exit(1);
  }
  console.log(nextSteps(plan.page, config.base));
} catch (err) {
  rl?.close();
  if (err instanceof GardenError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}
