/** The `briefbook` dispatcher, separate from process wiring so tests can run it in-process. */
import { EXIT_BAD_INPUT, EXIT_OK, EXIT_USAGE, InputError, UsageError, type CliCommand, type CliIo } from './command';
import { COMMANDS } from './commands';
import { shorten } from '../../src/shared/exchange-scan';

export function mainHelp(commands: readonly CliCommand[] = COMMANDS): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'usage: briefbook <command> [options]',
    '',
    'Briefbook keeps a library of talking points, asks and red lines and prints briefing books.',
    'The library file comes from --db PATH or BRIEFBOOK_DB.',
    '',
    'commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'briefbook <command> --help' for a command's options.",
    'Exit status: 0 success, 1 bad input, 2 wrong usage.',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIo, commands: readonly CliCommand[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? commands.find((c) => c.name === rest[0]) : undefined;
    io.out(topic?.help ?? mainHelp(commands));
    return name === undefined ? EXIT_USAGE : EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    io.err(`briefbook: unknown command "${shorten(name)}"\n\n${mainHelp(commands)}`);
    return EXIT_USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(command.help);
    return EXIT_OK;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`briefbook ${command.name}: ${error.message}\n\n${command.help}`);
      return EXIT_USAGE;
    }
    if (error instanceof InputError) {
      io.err(`briefbook ${command.name}: ${error.message}`);
      return EXIT_BAD_INPUT;
    }
    // an unexpected failure: say what happened in words, no stack
    io.err(`briefbook ${command.name}: failed: ${error instanceof Error ? error.message : String(error)}`);
    return EXIT_BAD_INPUT;
  }
}
