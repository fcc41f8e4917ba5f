import type { TaskDto } from "@/lib/dto";
import { listOpenSongTasksForOwner } from "@/lib/server/data/open-tasks";
import { buildTaskDtos, type TaskViewer } from "./task-view";

const MAX_SHOWN = 6;

/** Songs the viewer asked for that are not finished yet (their own tasks only, SEC-2). */
export function listInFlightTasksForViewer(viewer: TaskViewer, now = new Date()): TaskDto[] {
  return buildTaskDtos(listOpenSongTasksForOwner(viewer.id, MAX_SHOWN), viewer, now);
}
