// The one argument parser of every command (`npm run import`, `report`, `reindex`, `npm start`, ...):
// node:util parseArgs with strict: true, so an unknown option, a missing value or a stray argument
// stops the command before it opens a database or boots anything. The person gets one line in
// Chinese that names the option, and exit code 2 (the conventional "usage error").
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

export interface CommandSpec<O extends Options> {
  /** What the person typed, e.g. `npm run report`; starts every error line. */
  command: string;
  /** Printed by --help (and nowhere else: errors stay on one line). */
  usage: string;
  options: O;
  /** How many positional arguments the command takes (default: none). */
  positionals?: { min: number; max: number; name: string };
}

/** Exit code of a command that was called wrongly (unknown option, missing value, missing argument). */
export const USAGE_EXIT_CODE = 2;

/** Prints one line naming what is wrong and ends the process with exit code 2. */
export function usageError(command: string, sentence: string): never {
  process.stderr.write(`${command}：${sentence}（--help 查看用法）\n`);
  process.exit(USAGE_EXIT_CODE);
}

function optionLabel(name: string, short: boolean): string {
  return short ? `-${name}` : `--${name}`;
}

export function parseCommandLine<O extends Options>(spec: CommandSpec<O>, argv: string[] = process.argv.slice(2)) {
  const options = { ...spec.options, help: { type: 'boolean', short: 'h' } } as const satisfies Options;
  // First pass without strict, to name the offending option ourselves (parseArgs' own errors are
  // English sentences meant for developers; we never branch on their text).
  const { tokens } = parseArgs({ args: argv, options, strict: false, allowPositionals: true, tokens: true });
  const positionals: string[] = [];
  for (const token of tokens) {
    if (token.kind === 'positional') {
      positionals.push(token.value);
      continue;
    }
    if (token.kind !== 'option') continue;
    const config = (options as Options)[token.name];
    const label = token.rawName.startsWith('--') ? token.rawName : optionLabel(token.name, true);
    if (!config) usageError(spec.command, `未知选项 ${label}`);
    // `--month --pdf`: a value that looks like an option is a forgotten value (strict parseArgs agrees).
    const missing = token.value === undefined || (!token.inlineValue && token.value.startsWith('-'));
    if (config.type === 'string' && missing) usageError(spec.command, `选项 ${label} 需要一个值`);
    if (config.type === 'boolean' && token.inlineValue) usageError(spec.command, `选项 ${label} 不带值`);
  }
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options, strict: true, allowPositionals: true });
  } catch (error) {
    // Everything parseArgs refuses was named above; this is the safety net for a case it adds later.
    if ((error as { code?: unknown }).code?.toString().startsWith('ERR_PARSE_ARGS_')) usageError(spec.command, `参数有误：${argv.join(' ')}`);
    throw error;
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${spec.usage}\n`);
    process.exit(0);
  }
  const allowed = spec.positionals ?? { min: 0, max: 0, name: '' };
  if (positionals.length > allowed.max) {
    usageError(spec.command, `多余的参数 ${positionals.slice(allowed.max).join(' ')}`);
  }
  if (positionals.length < allowed.min) usageError(spec.command, `缺少${allowed.name}`);
  return { values: parsed.values, positionals: parsed.positionals };
}
