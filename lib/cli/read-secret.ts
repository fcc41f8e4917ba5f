import readline from "node:readline";

/**
 * A secret for the CLI: typed at a terminal without echo, or the first line of stdin
 * when piped (`printf '%s\n' "$PW" | npm run cli -- users:password --email E`), so it
 * stays out of the shell history and the process list.
 */
export async function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) return firstLine(input);
  const output = process.stderr;
  const rl = readline.createInterface({ input, output, terminal: true });
  // Echo nothing the user types; the prompt itself is written before muting.
  const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
  output.write(prompt);
  (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = () => {};
  try {
    return await new Promise<string>((resolve) => rl.question("", resolve));
  } finally {
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = write;
    rl.close();
    output.write("\n");
  }
}

function firstLine(input: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const rl = readline.createInterface({ input });
    let done = false;
    rl.once("line", (line) => {
      done = true;
      resolve(line);
      rl.close();
    });
    rl.once("close", () => {
      if (!done) resolve("");
    });
    input.once("error", reject);
  });
}
