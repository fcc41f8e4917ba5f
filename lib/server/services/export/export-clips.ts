import type { ClipViewer } from "@/lib/server/data/clip-access";
import { getProviderRow } from "@/lib/server/data/providers";
import { contentDisposition } from "@/lib/server/media/content-types";
import { clipFiles } from "./clip-files";
import { trackExport, type ProgressHandle } from "./export-progress";
import { claimExportSlot } from "./export-slots";
import { openManifest } from "./manifest";
import type { ExportSource } from "./sources";
import { openZipWriter } from "./zip-stream";

// GET /api/v1/export: a source's clips as one streamed ZIP. The answer starts as soon
// as the first song is written; clips are read a page at a time and each song's file
// is opened only when the previous one has gone out, so time to first byte and memory
// do not grow with the library (PERF-8). songloft.json comes last, since it records
// what each clip became in the ZIP.

export interface ExportResponseParts {
  body: ReadableStream<Uint8Array>;
  headers: Record<string, string>;
}

export const EXPORT_COUNT_HEADER = "X-Songloft-Export-Count";

export function exportFileName(source: Pick<ExportSource, "fileLabel">, now: Date): string {
  return `${source.fileLabel}-${now.toISOString().slice(0, 10)}.zip`;
}

export interface ExportOptions {
  /** The request's signal: the client went away. */
  signal?: AbortSignal;
  /** The page's id for this export, to follow its progress or cancel it (export-progress.ts). */
  progressId?: string;
  now?: Date;
}

/** Claims one of the viewer's export slots (429 when both are taken) and starts the ZIP. */
export function exportClips(viewer: ClipViewer, makeSource: () => ExportSource, options: ExportOptions = {}): ExportResponseParts {
  const now = options.now ?? new Date();
  const progress = options.progressId ? trackExport(viewer.id, options.progressId) : undefined;
  let release: (() => void) | undefined;
  let source: ExportSource;
  try {
    release = claimExportSlot(viewer.id);
    source = makeSource();
  } catch (err) {
    release?.();
    progress?.end("refused", err instanceof Error ? err.message : String(err));
    throw err;
  }
  progress?.update({ total: source.total });
  const signals = [options.signal, progress?.signal].filter((s): s is AbortSignal => Boolean(s));
  const zip = openZipWriter(signals.length > 0 ? AbortSignal.any(signals) : undefined, {
    onBytes: (bytes) => progress?.update({ bytes }),
    onEnd: (how, err) => progress?.end(how === "stopped" ? "cancelled" : how, err ? String(err) : undefined),
  });
  void writeZip(zip, source, now, progress).finally(release);
  return {
    body: zip.body,
    headers: {
      "Content-Type": "application/zip",
      "Content-Disposition": contentDisposition("attachment", exportFileName(source, now)),
      [EXPORT_COUNT_HEADER]: String(source.total),
      "Cache-Control": "private, no-store",
    },
  };
}

async function writeZip(zip: ReturnType<typeof openZipWriter>, source: ExportSource, now: Date, progress?: ProgressHandle): Promise<void> {
  const manifest = await openManifest();
  const providerNames = new Map<string, string>();
  const providerName = (id: string) => {
    if (!providerNames.has(id)) providerNames.set(id, getProviderRow(id)?.name ?? id);
    return providerNames.get(id)!;
  };
  try {
    let track = 0;
    const pages = source.pages();
    for (const page of pages) {
      for (const clip of page) {
        // Numbering follows the count taken at the start: a clip restored meanwhile waits for the next export.
        if (zip.stopped || track >= source.total) break;
        track += 1;
        const files = await clipFiles(clip, { track, total: source.total, album: source.album, providerName: providerName(clip.providerId) });
        for (const entry of files.entries) await zip.add(entry);
        await manifest.add(files.record);
        progress?.update({ done: track });
      }
      if (zip.stopped || track >= source.total) {
        pages.return();
        break;
      }
    }
    const head = { format: "songloft-export", version: 1, exportedAt: now.toISOString(), source: source.kind, album: source.album, count: track };
    await zip.add({ name: "songloft.json", mtime: now, compress: true, open: async () => manifest.stream(head) });
    zip.end();
  } catch (err) {
    zip.fail(err);
  } finally {
    await manifest.dispose();
  }
}
