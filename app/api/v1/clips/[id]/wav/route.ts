import { clipOperationPost } from "../_operation/post";

/** POST /api/v1/clips/<id>/wav: 202 {task}; when done, the clip's `formats.wav` serves it (/media/<id>/wav). The body is empty (or `{}`). */
export const POST = clipOperationPost("wav");
