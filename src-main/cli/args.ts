import { parseArgs, type ParseArgsConfig } from 'node:util';

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

/**
 * The part every `stridelab <command>` shares: parse its options (plus --help/-h), print the usage
 * on --help (exit 0), and on a wrong option say what was wrong above the usage (exit 2).
 */
export interface CommandSpec {
  readonly name: string;
  readonly usage: string;
}

/**
 * Report usage mistakes on stderr, above the command's usage; returns the exit code 2. Every
 * mistake of one command line is said at once, one a line: a user who typed three wrong things
 * was told one, fixed it, and was told the next.
 */
export function usageError(cmd: CommandSpec, problems: string | readonly string[]): number {
  const all = typeof problems === 'string' ? [problems] : problems;
  const said =
    all.length === 1 ? ` ${all[0]}` : ` ${all.length} problems:\n${all.map((p) => `  ${p}`).join('\n')}`;
  process.stderr.write(`stridelab ${cmd.name}:${said}\n${cmd.usage}\n`);
  return 2;
}

/** Parsed options and positionals, or the exit code when the command is already answered. */
export function parseCommand<const O extends OptionsConfig>(argv: string[], cmd: CommandSpec, options: O) {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { ...options, help: { type: 'boolean', short: 'h', default: false } },
    });
  } catch (err) {
    return usageError(cmd, optionProblems(argv, options, err instanceof Error ? err.message : String(err)));
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`${cmd.usage}\n`);
    return 0;
  }
  return parsed;
}

/**
 * Every unknown option and every option left without its value, where node's parser stopped at the
 * first ("--vew side --colour red" said only "--vew"). Read leniently, in order; `first` (the
 * parser's own words) where the lenient reading finds nothing it can name.
 */
function optionProblems(argv: string[], options: OptionsConfig, first: string): string[] {
  const { tokens } = parseArgs({ args: argv, allowPositionals: true, strict: false, tokens: true, options });
  const problems = tokens.flatMap((t) => {
    if (t.kind !== 'option') return [];
    const known = options[t.name];
    if (!known && t.name !== 'help' && t.name !== 'h') return [`Unknown option "${t.rawName}".`];
    if (known?.type !== 'string') return [];
    if (t.value === undefined) return [`${t.rawName} needs a value.`];
    // Read leniently, "--patient --home DIR" gives --patient the value "--home": strictly, none.
    if (!t.inlineValue && /^-\d/.test(t.value))
      return [`${t.rawName} ${t.value}: write a negative number as ${t.rawName}=${t.value}.`];
    if (!t.inlineValue && t.value.startsWith('-')) return [`${t.rawName} needs a value.`];
    return [];
  });
  return problems.length > 0 ? problems : [first];
}
