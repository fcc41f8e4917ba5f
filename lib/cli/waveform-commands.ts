import type { Command } from "./commands";

// `media:waveforms`: draws the waveform of every clip archived before waveforms existed
// (the running server does new ones by itself). Safe beside a running server: each
// clip is one short write, and a clip both do is only worked out twice.

export const waveformCommands: Record<string, Command> = {
  "media:waveforms": {
    summary: "Work out the waveform of every clip with archived audio that has none (--force: redo them all)",
    args: "[--force]",
    options: { force: { type: "boolean" } },
    async run(values) {
      const { backfillWaveforms } = await import("@/lib/server/services/waveforms");
      const live = process.stdout.isTTY;
      const report = await backfillWaveforms({
        force: values.force === true,
        // One line rewritten in place on a terminal; a line per hundred clips in a log.
        onProgress: (p) => {
          const line = `Waveforms: ${p.checked} clips checked (${p.computed} computed, ${p.failed} failed, ${p.skipped} skipped)`;
          if (live) process.stdout.write(`\r${line}`);
          else if (p.checked % 100 === 0) console.log(line);
        },
      });
      if (live && report.checked > 0) process.stdout.write("\n");
      console.log(`Done: ${report.computed} computed, ${report.failed} failed, ${report.skipped} skipped (done before${values.force ? "" : "; --force redoes them"}).`);
      return 0;
    },
  },
};
