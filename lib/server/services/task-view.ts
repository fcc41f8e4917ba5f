import type { TaskDto } from "@/lib/dto";
import type { Viewer } from "@/lib/domain";
import { toClipDto } from "@/lib/server/data/clip-dto";
import { listProviderNameRows } from "@/lib/server/data/providers";
import { getTaskRow, getTaskRowForOwner, listClipRowsOfTasks, listRecentTasksForOwner, listTaskEvents } from "@/lib/server/data/tasks";
import { getUserNames } from "@/lib/server/data/users";
import type { TaskRow } from "@/lib/server/db/schema";
import { storedVendorMessage } from "./task-errors";

// Tasks as their owner sees them (SEC-2: other members get null, which routes turn into
// 404). Admins may read everyone's tasks, as the task history's scope=all lists them;
// the clips inside still follow the clip access rule. Reading a task never calls a
// vendor: the poller keeps the rows fresh, so any number of viewers cost the vendor
// nothing (PERF-4).

/** Tasks are their owner's; admins read every task and its vendor details. */
export type TaskViewer = Pick<Viewer, "id"> & Partial<Pick<Viewer, "role">>;

/** The task row when the viewer may read it: their own, or any task for an admin. */
export function readableTaskRow(taskId: string, viewer: TaskViewer): TaskRow | undefined {
  return viewer.role === "admin" ? getTaskRow(taskId) : getTaskRowForOwner(taskId, viewer.id);
}

/** Suno takes one to three minutes; a progress estimate runs against two. */
const EXPECTED_RUN_MS = 120_000;
const ESTIMATE_CAP = 95;

export function getTaskForViewer(taskId: string, viewer: TaskViewer, now = new Date()): TaskDto | null {
  const task = readableTaskRow(taskId, viewer);
  return task ? buildTaskDto(task, viewer, now) : null;
}

/** The create page's "Recent tasks" (songs only: lyrics tasks land in the lyrics box). */
export function listRecentSongTasksForViewer(viewer: TaskViewer, limit = 10, now = new Date()): TaskDto[] {
  return buildTaskDtos(listRecentTasksForOwner(viewer.id, Math.min(Math.max(limit, 1), 50), { songsOnly: true }), viewer, now);
}

export interface TaskTimelineEntry {
  at: string;
  status: string;
  progress: number | null;
  message: string | null;
}

/** The status timeline of the task page. */
export function getTaskTimelineForViewer(taskId: string, viewer: TaskViewer): TaskTimelineEntry[] | null {
  if (!readableTaskRow(taskId, viewer)) return null;
  return listTaskEvents(taskId).map((e) => ({ at: e.at.toISOString(), status: e.status, progress: e.progress, message: e.message }));
}

export interface TaskVendorDetails {
  vendorTaskId: string | null;
  vendorStatus: string | null;
  rawPayload: unknown;
  errorDetails: unknown;
}

/** Admins additionally see what the vendor sent (keys are scrubbed by the adapters before it is stored). */
export function getTaskVendorDetailsForAdmin(taskId: string, viewer: TaskViewer): TaskVendorDetails | null {
  if (viewer.role !== "admin") return null;
  const task = getTaskRow(taskId);
  if (!task) return null;
  return { vendorTaskId: task.vendorTaskId, vendorStatus: task.vendorStatus, rawPayload: task.rawPayload, errorDetails: task.errorDetails };
}

export function buildTaskDto(task: TaskRow, viewer: TaskViewer, now = new Date()): TaskDto {
  return buildTaskDtos([task], viewer, now)[0];
}

/** DTOs for any number of tasks in three statements: their clips, their owners' names and the provider names. */
export function buildTaskDtos(taskRows: TaskRow[], viewer: TaskViewer, now = new Date()): TaskDto[] {
  if (taskRows.length === 0) return [];
  const clipsByTask = listClipRowsOfTasks(
    taskRows.map((t) => t.id),
    viewer.id,
  );
  const ownerNames = getUserNames([...new Set(taskRows.map((t) => t.ownerId))]);
  const providerNames = new Map(listProviderNameRows().map((p) => [p.id, p.name]));
  return taskRows.map((task) => {
    const { progress, estimated } = progressOf(task, now);
    return {
      id: task.id,
      kind: task.kind,
      providerId: task.providerId,
      providerName: providerNames.get(task.providerId) ?? task.providerId,
      status: task.status,
      progress,
      progressEstimated: estimated,
      error: task.status === "failed" ? { code: task.errorCode ?? "unknown", message: task.errorMessage ?? "", vendorMessage: storedVendorMessage(task.errorDetails) } : null,
      request: (task.request ?? {}) as Record<string, unknown>,
      result: (task.result as TaskDto["result"]) ?? null,
      owner: { id: task.ownerId, name: ownerNames.get(task.ownerId) ?? "" },
      createdAt: task.createdAt.toISOString(),
      submittedAt: task.submittedAt?.toISOString() ?? null,
      startedAt: task.startedAt?.toISOString() ?? null,
      finishedAt: task.finishedAt?.toISOString() ?? null,
      clips: (clipsByTask.get(task.id) ?? []).map((row) => toClipDto(row, row)),
    };
  });
}

/**
 * The vendor's figure when it gives a real one; most report nothing (or only 0 and
 * 100), so a running task gets a time-based estimate, labelled as such.
 */
function progressOf(task: TaskRow, now: Date): { progress: number | null; estimated: boolean } {
  if (task.status === "succeeded") return { progress: 100, estimated: false };
  if (task.status !== "running") return { progress: task.status === "failed" ? task.progress : (task.progress ?? 0), estimated: false };
  if (task.progress !== null && task.progress > 0 && task.progress < 100) return { progress: task.progress, estimated: false };
  const since = (task.startedAt ?? task.submittedAt ?? task.createdAt).getTime();
  const share = Math.max(0, now.getTime() - since) / EXPECTED_RUN_MS;
  return { progress: Math.min(ESTIMATE_CAP, Math.round(5 + share * 90)), estimated: true };
}
