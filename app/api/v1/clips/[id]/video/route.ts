import { clipOperationPost } from "../_operation/post";

/** POST /api/v1/clips/<id>/video: 202 {task}; when done, the clip's `formats.video` serves it (/media/<id>/video). The body is empty (or `{}`). */
export const POST = clipOperationPost("video");
