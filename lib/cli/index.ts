import { parseArgs } from "node:util";
import { loadEnvFiles } from "./load-env";
import { commands, usage, UsageError } from "./commands";

// `npm run cli -- <command> [options]`. Exit codes: 0 ok, 1 failure, 2 bad arguments.
async function main(argv: string[]): Promise<number> {
  loadEnvFiles();
  const [name, ...rest] = argv;
  const command = name ? commands[name] : undefined;
  if (!command) {
    process.stderr.write(name && name !== "help" && name !== "--help" ? `Unknown command: ${name}\n\n${usage()}` : usage());
    return name === "help" || name === "--help" ? 0 : 2;
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: false }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n\n${usage(name)}`);
    return 2;
  }
  try {
    return (await command.run(values)) ?? 0;
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${err.message}\n\n${usage(name)}`);
      return 2;
    }
    process.stderr.write(`Error: ${(err as Error).message}\n`);
    return 1;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err) => {
    process.stderr.write(`${(err as Error).stack ?? err}\n`);
    process.exit(1);
  },
);
