/**
 * What every Grove command does the same way: read its options (a wrong one prints the usage and
 * exits 2, `--help` prints it and exits 0) and run (a problem the user can fix prints its message and
 * exits 1, with no stack trace).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { GardenError } from '../src/garden/core/problems.ts';

/** The command's options, or the usage and exit 2 when they are wrong. */
export function optionsOf(options: NonNullable<ParseArgsConfig['options']>, usage: string): Record<string, string | boolean | undefined> {
  try {
    const values = parseArgs({ options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: false }).values as Record<string, string | boolean | undefined>;
    if (values.help) {
      console.log(usage);
      process.exit(0);
    }
    return values;
  } catch (err) {
    return fail((err as Error).message, usage);
  }
}

/** Says what is wrong with the command line, then how to use it, and exits 2. */
export function fail(message: string, usage: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

/** Runs a command: a GardenError is printed as the report it is (exit 1); anything else is a bug and keeps its stack. */
export async function run(main: () => Promise<void> | void): Promise<void> {
  try {
    await main();
  } catch (err) {
    if (err instanceof GardenError || (err as Error).name === 'GardenError') {
      console.error(`\n${(err as Error).message}\n`);
      process.exit(1);
    }
    throw err;
  }
}
