import { notFound, redirect } from "next/navigation";
import { isAppError } from "@/lib/errors";
import { requirePageUser } from "@/lib/server/auth/session";
import { findClipIdByVendorId } from "@/lib/server/services/library";

type Props = { params: Promise<{ vendorId: string }> };

/** A vendor's clip id (as in a Suno share link) opens the song's page here, if the viewer may see it. */
export default async function ClipByVendorIdPage({ params }: Props) {
  const { vendorId } = await params;
  const viewer = await requirePageUser(`/clips/by-vendor/${encodeURIComponent(vendorId)}`);
  let clipId: string;
  try {
    if (vendorId.length > 200) notFound();
    clipId = findClipIdByVendorId(viewer, vendorId);
  } catch (err) {
    if (isAppError(err)) notFound();
    throw err;
  }
  redirect(`/clips/${encodeURIComponent(clipId)}`);
}
