import type { TaskDto } from "@/lib/dto";
import { formatClock } from "../player/time";

// Isomorphic helpers for showing tasks: the same words on the server-rendered task
// page and in the live client cards.

/** 83.4 → "1:23"; hours only when needed. The player's clock, with a time before the start read as 0:00. */
export function formatSeconds(seconds: number): string {
  return formatClock(Math.max(0, seconds));
}

/** "1:23", "83", "1:02:03" → seconds; null when it is not a time. */
export function parseSeconds(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+(?:\.\d+)?$|^\d+(?::[0-5]?\d){1,2}(?:\.\d+)?$/.test(trimmed)) return null;
  return trimmed.split(":").reduce((total, part) => total * 60 + Number(part), 0);
}

/** A string field of the stored request, or null. */
export function requestText(task: Pick<TaskDto, "request">, key: string): string | null {
  const value = task.request[key];
  return typeof value === "string" && value.trim() !== "" ? value : null;
}

/** What a person would call this task: its song title, else what they asked for. */
export function taskHeadline(task: TaskDto): string | null {
  const fromClip = task.clips.find((c) => c.title.trim() !== "")?.title;
  const asked = requestText(task, "title") ?? task.result?.title ?? requestText(task, "description") ?? requestText(task, "prompt");
  const headline = fromClip ?? asked;
  if (!headline) return null;
  return headline.length > 90 ? `${headline.slice(0, 89)}…` : headline;
}
