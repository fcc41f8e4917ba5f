// Another server process sending one member's songs (demo provider) for the quota race
// test: boots against DATA_DIR, says "ready", waits for "go" on stdin, then sends
// `attempts` songs one after another and prints {accepted, refused} as one JSON line.
// Run with `node --import tsx tests/integration/quota-race-child.ts <userId> <attempts>`.
import readline from "node:readline";
import { isAppError } from "@/lib/errors";
import { generationBodySchema } from "@/lib/schemas/generate";
import { boot } from "@/lib/server/boot";
import { submitGeneration } from "@/lib/server/services/generate";

const [ownerId, attempts] = [process.argv[2], Number(process.argv[3])];
const input = generationBodySchema.parse({ provider: "demo", mode: "inspiration", description: "a race for the last song" });

boot();
const lines = readline.createInterface({ input: process.stdin });
process.stdout.write("ready\n");
lines.once("line", async () => {
  let accepted = 0;
  let refused = 0;
  for (let i = 0; i < attempts; i++) {
    try {
      await submitGeneration({ id: ownerId }, input);
      accepted += 1;
    } catch (err) {
      if (!isAppError(err) || err.code !== "quota_exceeded") throw err;
      refused += 1;
    }
  }
  process.stdout.write(`${JSON.stringify({ accepted, refused })}\n`);
  lines.close();
  process.exit(0);
});
