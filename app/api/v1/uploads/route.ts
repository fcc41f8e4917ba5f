import { NextResponse } from "next/server";
import { AppError } from "@/lib/errors";
import { uploadUrlSchema } from "@/lib/schemas/generate";
import { requireApiUser } from "@/lib/server/auth/api-caller";
import { assertSameOrigin, handle, readBodyLimited, readJsonValue } from "@/lib/server/http";
import { parseOrThrow } from "@/lib/validation";
import { createUploadFromBytes, createUploadFromUrl, MAX_UPLOAD_BYTES } from "@/lib/server/services/uploads";

// Room for the multipart framing around a file of the largest allowed size.
const MULTIPART_OVERHEAD = 64 * 1024;

/**
 * POST /api/v1/uploads: multipart `file` (MP3 or WAV, ≤ 20 MiB, sniffed from its bytes)
 * or JSON `{url}` → 201 {upload: {id, title, duration, …}}. Then extend or cover it with
 * `POST /api/v1/generations` and `{extend: {uploadId}}` or `{cover: {uploadId}}`.
 */
export const POST = handle(async (req: Request) => {
  assertSameOrigin(req);
  const viewer = await requireApiUser(req);
  // The boundary is case-sensitive: only the media type is compared without case.
  const type = req.headers.get("content-type") ?? "";
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    const body = await readBodyLimited(req, MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD);
    let form: FormData;
    try {
      form = await new Response(body, { headers: { "content-type": type } }).formData();
    } catch {
      throw new AppError("bad_request", "The multipart body could not be read.");
    }
    const file = form.get("file");
    if (!(file instanceof Blob)) throw new AppError("validation", "Attach the audio as the `file` field.", { details: { file: ["uploadFileRequired"] } });
    const upload = await createUploadFromBytes(viewer, { bytes: new Uint8Array(await file.arrayBuffer()), name: file instanceof File ? file.name : null });
    return NextResponse.json({ upload }, { status: 201 });
  }
  const { url } = parseOrThrow(uploadUrlSchema, await readJsonValue(req));
  return NextResponse.json({ upload: await createUploadFromUrl(viewer, url) }, { status: 201 });
});
