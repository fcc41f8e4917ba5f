import { clipOperationPost } from "../_operation/post";

/** POST /api/v1/clips/<id>/stems: 202 {task}; two new clips, "<title> - Vocals" and "<title> - Instrumental", with lineage to this one. The body is empty (or `{}`). */
export const POST = clipOperationPost("stems");
