import type { CommanderError } from 'commander';

/**
 * Commander's parse errors ("error: unknown option '--foo'" plus a hint on a second line) in the one
 * form every p5050 error takes: `p5050: <what>: <problem>`, on one line, with where to look for help.
 */

/** The long name of an option from commander's flags ("-f, --format <format>" → "--format"). */
function optionName(flags: string): string {
  return /--[\w-]+/.exec(flags)?.[0] ?? flags.split(/[ ,]/)[0] ?? flags;
}

/** "(Did you mean --format?)" after a newline, as " (did you mean --format?)". */
function suggestion(message: string): string {
  const hint = /\(Did you mean ([^)]+)\)/.exec(message)?.[1];
  return hint ? ` (did you mean ${hint})` : '';
}

/** The first argument naming a command, for "see: p5050 <command> --help". */
function helpCommand(argv: string[], commands: string[]): string {
  const words = argv.slice(2).filter((a) => !a.startsWith('-'));
  const path: string[] = [];
  for (const word of words) {
    const next = [...path, word].join(' ');
    if (!commands.includes(next)) break;
    path.push(word);
  }
  return ['p5050', ...path, '--help'].join(' ');
}

function whatAndProblem(err: CommanderError): [string, string] {
  const message = err.message.replace(/^error: /, '');
  const quoted = [...message.matchAll(/'([^']*)'/g)].map((m) => m[1] ?? '');
  switch (err.code) {
    case 'commander.unknownOption':
      return [quoted[0] ?? 'option', `unknown option${suggestion(message)}`];
    case 'commander.unknownCommand':
      return [quoted[0] ?? 'command', `unknown command${suggestion(message)}`];
    case 'commander.invalidArgument': {
      // "option '--max-bytes <n>' argument 'abc' is invalid. must be …" / "… Allowed choices are a, b."
      const reason = message.replace(/^.*? is invalid\.\s*/, '').replace(/\.$/, '');
      const choices = /^Allowed choices are (.*)$/.exec(reason)?.[1];
      const value = `"${quoted[1] ?? ''}"`;
      return [optionName(quoted[0] ?? 'argument'), choices ? `${value} is not one of ${choices}` : `${value} is not valid: ${reason}`];
    }
    case 'commander.optionMissingArgument':
      return [optionName(quoted[0] ?? 'option'), `needs a value (${(quoted[0] ?? '').replace(/^.*?(<[^>]+>).*$/, '$1')})`];
    case 'commander.missingMandatoryOptionValue':
      return [optionName(quoted[0] ?? 'option'), 'required, not given'];
    case 'commander.missingArgument':
      return [`<${quoted[0] ?? 'argument'}>`, 'missing'];
    case 'commander.excessArguments': {
      const counts = /Expected (\d+) arguments? but got (\d+)/.exec(message);
      return [quoted[0] ?? 'arguments', counts ? `too many arguments (takes ${counts[1]}, got ${counts[2]})` : 'too many arguments'];
    }
    default:
      return ['arguments', message.split('\n').join(' ').trim()];
  }
}

/** One line for a usage error commander found, ending in a newline. */
export function usageErrorLine(err: CommanderError, argv: string[], commands: string[]): string {
  const [what, problem] = whatAndProblem(err);
  return `p5050: ${what}: ${problem} (see: ${helpCommand(argv, commands)})\n`;
}
